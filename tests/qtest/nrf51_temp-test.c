/*
 * QTest for the nRF51 TEMP of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "qobject/qdict.h"

#define TEMP                0x4000c000
#define TEMP_IRQ            12
#define TASKS_START         0x000
#define EVENTS_DATARDY      0x100
#define INTENSET            0x304
#define TEMP_REG            0x508
#define NVIC_ISPR0          0xe000e200

static int32_t measure(QTestState *qts)
{
    qtest_writel(qts, TEMP + EVENTS_DATARDY, 0);
    qtest_writel(qts, TEMP + TASKS_START, 1);
    /* A measurement takes 36 us */
    qtest_clock_step(qts, 35000);
    g_assert_cmphex(qtest_readl(qts, TEMP + EVENTS_DATARDY), ==, 0);
    qtest_clock_step(qts, 1000);
    g_assert_cmphex(qtest_readl(qts, TEMP + EVENTS_DATARDY), ==, 1);
    return qtest_readl(qts, TEMP + TEMP_REG);
}

static void set_temperature(QTestState *qts, const char *path, int value,
                            bool ok)
{
    QDict *rsp = qtest_qmp(qts, "{ 'execute': 'qom-set', 'arguments': "
                           "{ 'path': %s, 'property': 'temperature', "
                           "'value': %d } }", path, value);

    g_assert_cmpint(qdict_haskey(rsp, "error"), ==, !ok);
    qobject_unref(rsp);
}

static void test_measure(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_writel(qts, TEMP + INTENSET, 1);
    /* Quarter degrees, from the "temperature" property */
    g_assert_cmpint(measure(qts), ==, 21 * 4);
    g_assert_true(qtest_readl(qts, NVIC_ISPR0) & (1u << TEMP_IRQ));

    set_temperature(qts, "/machine", 30, true);
    g_assert_cmpint(measure(qts), ==, 120);
    set_temperature(qts, "/machine/nrf51/temp", -5, true);
    g_assert_cmpint(measure(qts), ==, -20);

    /* Beyond what the sensor can read is refused */
    set_temperature(qts, "/machine", 1000, false);
    g_assert_cmpint(measure(qts), ==, -20);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/temp/measure", test_measure);

    return g_test_run();
}
