/*
 * QTest for the nRF51 WDT of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define WDT                 0x40010000
#define TASKS_START         0x000
#define EVENTS_TIMEOUT      0x100
#define RUNSTATUS           0x400
#define REQSTATUS           0x404
#define CRV                 0x504
#define RREN                0x508
#define RR(n)               (0x600 + 4 * (n))
#define RELOAD              0x6e524635

#define RESETREAS           0x40000400
#define RESETREAS_DOG       (1u << 1)
#define MS                  (1000 * 1000)

static void test_timeout_resets(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* 32768 cycles: one second */
    qtest_writel(qts, WDT + CRV, 32767);
    qtest_writel(qts, WDT + RREN, 3);
    qtest_writel(qts, WDT + TASKS_START, 1);
    g_assert_cmphex(qtest_readl(qts, WDT + RUNSTATUS), ==, 1);

    /* Locked while running */
    qtest_writel(qts, WDT + CRV, 100);
    g_assert_cmphex(qtest_readl(qts, WDT + CRV), ==, 32767);

    /* A reload needs every enabled RR register, with the magic value */
    qtest_clock_step(qts, 900 * MS);
    qtest_writel(qts, WDT + RR(0), RELOAD);
    g_assert_cmphex(qtest_readl(qts, WDT + REQSTATUS), ==, 2);
    qtest_writel(qts, WDT + RR(1), 0x12345678);
    g_assert_cmphex(qtest_readl(qts, WDT + REQSTATUS), ==, 2);
    qtest_writel(qts, WDT + RR(1), RELOAD);
    g_assert_cmphex(qtest_readl(qts, WDT + REQSTATUS), ==, 3);
    qtest_clock_step(qts, 900 * MS);
    g_assert_cmphex(qtest_readl(qts, WDT + EVENTS_TIMEOUT), ==, 0);

    /* Not fed: TIMEOUT, then a reset recorded as DOG */
    qtest_clock_step(qts, 100 * MS);
    g_assert_cmphex(qtest_readl(qts, WDT + EVENTS_TIMEOUT), ==, 1);
    qtest_clock_step(qts, 1 * MS);
    qtest_qmp_eventwait(qts, "RESET");
    g_assert_cmphex(qtest_readl(qts, RESETREAS), ==, RESETREAS_DOG);
    g_assert_cmphex(qtest_readl(qts, WDT + RUNSTATUS), ==, 0);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/wdt/timeout-resets",
                   test_timeout_resets);

    return g_test_run();
}
