/*
 * QTest for the nRF51 ADC of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "qobject/qdict.h"

#define ADC                 0x40007000
#define TASKS_START         0x000
#define EVENTS_END          0x100
#define BUSY                0x400
#define ENABLE              0x500
#define CONFIG              0x504
#define RESULT              0x508

#define RES_8BIT            0
#define RES_10BIT           2
#define INPSEL_AIN_1        (0 << 2)
#define INPSEL_AIN_1_3      (2 << 2)
#define INPSEL_VDD_1_3      (6 << 2)
#define REFSEL_VBG          (0 << 5)
#define REFSEL_VDD_1_3      (3 << 5)
#define PSEL(ain)           (1u << (8 + (ain)))

static void set_mv(QTestState *qts, const char *prop, int mv, bool ok)
{
    QDict *rsp = qtest_qmp(qts, "{ 'execute': 'qom-set', 'arguments': "
                           "{ 'path': '/machine/nrf51/adc', "
                           "'property': %s, 'value': %d } }", prop, mv);

    g_assert_cmpint(qdict_haskey(rsp, "error"), ==, !ok);
    qobject_unref(rsp);
}

static uint32_t convert(QTestState *qts, uint32_t config, int64_t time_ns)
{
    qtest_writel(qts, ADC + CONFIG, config);
    qtest_writel(qts, ADC + EVENTS_END, 0);
    qtest_writel(qts, ADC + TASKS_START, 1);
    g_assert_cmpuint(qtest_readl(qts, ADC + BUSY), ==, 1);
    qtest_clock_step(qts, time_ns - 1000);
    g_assert_cmpuint(qtest_readl(qts, ADC + EVENTS_END), ==, 0);
    qtest_clock_step(qts, 1000);
    g_assert_cmpuint(qtest_readl(qts, ADC + EVENTS_END), ==, 1);
    g_assert_cmpuint(qtest_readl(qts, ADC + BUSY), ==, 0);
    return qtest_readl(qts, ADC + RESULT);
}

static void test_convert(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_writel(qts, ADC + ENABLE, 1);
    set_mv(qts, "ain4", 1650, true);

    /* Half the supply, 1/3 scaled against VDD/3: half scale */
    g_assert_cmpuint(convert(qts, RES_10BIT | INPSEL_AIN_1_3 |
                             REFSEL_VDD_1_3 | PSEL(4), 68000), ==, 512);
    g_assert_cmpuint(convert(qts, RES_8BIT | INPSEL_AIN_1_3 |
                             REFSEL_VDD_1_3 | PSEL(4), 20000), ==, 128);
    /* Against the 1.2 V band gap: 1650 / 3 / 1200 * 1023 */
    g_assert_cmpuint(convert(qts, RES_10BIT | INPSEL_AIN_1_3 | REFSEL_VBG |
                             PSEL(4), 68000), ==, 469);
    /* Unscaled, above the reference: full scale */
    g_assert_cmpuint(convert(qts, RES_10BIT | INPSEL_AIN_1 | REFSEL_VBG |
                             PSEL(4), 68000), ==, 1023);
    /* The supply itself: 3.3 V / 3 / 1.2 V */
    g_assert_cmpuint(convert(qts, RES_10BIT | INPSEL_VDD_1_3 | REFSEL_VBG,
                             68000), ==, 938);
    /* Another pin, at 0 V */
    g_assert_cmpuint(convert(qts, RES_10BIT | INPSEL_AIN_1_3 |
                             REFSEL_VDD_1_3 | PSEL(3), 68000), ==, 0);

    set_mv(qts, "ain4", 5000, false);
    qtest_quit(qts);
}

static void test_disabled(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_writel(qts, ADC + TASKS_START, 1);
    qtest_clock_step(qts, 100000);
    g_assert_cmpuint(qtest_readl(qts, ADC + EVENTS_END), ==, 0);
    g_assert_cmpuint(qtest_readl(qts, ADC + BUSY), ==, 0);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/adc/convert", test_convert);
    qtest_add_func("/microbit/nrf51/adc/disabled", test_disabled);

    return g_test_run();
}
