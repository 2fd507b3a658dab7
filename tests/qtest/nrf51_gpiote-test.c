/*
 * QTest for the nRF51 GPIOTE of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define GPIOTE              0x40006000
#define GPIOTE_IRQ          6
#define TASKS_OUT(n)        (0x000 + 4 * (n))
#define EVENTS_IN(n)        (0x100 + 4 * (n))
#define EVENTS_PORT         0x17c
#define INTENSET            0x304
#define CONFIG(n)           (0x510 + 4 * (n))

#define MODE_EVENT          1
#define MODE_TASK           3
#define PSEL(p)             ((p) << 8)
#define POL_LOTOHI          (1 << 16)
#define POL_HITOLO          (2 << 16)
#define POL_TOGGLE          (3 << 16)
#define OUTINIT_HIGH        (1 << 20)

#define GPIO_PIN_CNF(n)     (0x50000700 + 4 * (n))
#define GPIO_OUT            0x50000504
#define CNF_PULLUP          (3u << 2)
#define CNF_SENSE_LOW       (3u << 16)

#define NVIC_ISPR0          0xe000e200
#define SOC                 "/machine/nrf51"

static void test_event_mode(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* Button A: P0.17, pulled up, pressed pulls it low */
    qtest_writel(qts, GPIO_PIN_CNF(17), CNF_PULLUP);
    qtest_writel(qts, GPIOTE + CONFIG(0), MODE_EVENT | PSEL(17) | POL_HITOLO);
    qtest_writel(qts, GPIOTE + CONFIG(1), MODE_EVENT | PSEL(17) | POL_LOTOHI);
    qtest_writel(qts, GPIOTE + INTENSET, 1);

    qtest_set_irq_in(qts, SOC, NULL, 17, 0);
    g_assert_cmphex(qtest_readl(qts, GPIOTE + EVENTS_IN(0)), ==, 1);
    g_assert_cmphex(qtest_readl(qts, GPIOTE + EVENTS_IN(1)), ==, 0);
    g_assert_true(qtest_readl(qts, NVIC_ISPR0) & (1u << GPIOTE_IRQ));

    qtest_set_irq_in(qts, SOC, NULL, 17, 1);
    g_assert_cmphex(qtest_readl(qts, GPIOTE + EVENTS_IN(1)), ==, 1);
    qtest_quit(qts);
}

static void test_task_mode(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_irq_intercept_out(qts, SOC);

    /* The channel owns the pin from configuration, at OUTINIT */
    qtest_writel(qts, GPIOTE + CONFIG(2),
                 MODE_TASK | PSEL(5) | POL_TOGGLE | OUTINIT_HIGH);
    g_assert_true(qtest_get_irq(qts, 5));
    qtest_writel(qts, GPIOTE + TASKS_OUT(2), 1);
    g_assert_false(qtest_get_irq(qts, 5));
    qtest_writel(qts, GPIOTE + TASKS_OUT(2), 1);
    g_assert_true(qtest_get_irq(qts, 5));

    /* OUT no longer controls it */
    qtest_writel(qts, GPIO_OUT, 0);
    g_assert_true(qtest_get_irq(qts, 5));

    /* Set-only and clear-only polarities */
    qtest_writel(qts, GPIOTE + CONFIG(2), MODE_TASK | PSEL(5) | POL_HITOLO |
                 OUTINIT_HIGH);
    qtest_writel(qts, GPIOTE + TASKS_OUT(2), 1);
    qtest_writel(qts, GPIOTE + TASKS_OUT(2), 1);
    g_assert_false(qtest_get_irq(qts, 5));

    /* Disabling the channel gives the pin back to GPIO */
    qtest_writel(qts, GPIOTE + CONFIG(2), 0);
    g_assert_false(qtest_get_irq(qts, 5));
    qtest_quit(qts);
}

static void test_port(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* Button B: P0.26 senses low */
    qtest_writel(qts, GPIO_PIN_CNF(26), CNF_PULLUP | CNF_SENSE_LOW);
    g_assert_cmphex(qtest_readl(qts, GPIOTE + EVENTS_PORT), ==, 0);
    qtest_set_irq_in(qts, SOC, NULL, 26, 0);
    g_assert_cmphex(qtest_readl(qts, GPIOTE + EVENTS_PORT), ==, 1);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/gpiote/event-mode", test_event_mode);
    qtest_add_func("/microbit/nrf51/gpiote/task-mode", test_task_mode);
    qtest_add_func("/microbit/nrf51/gpiote/port", test_port);

    return g_test_run();
}
