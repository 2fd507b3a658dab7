/*
 * QTest for the nRF51 RNG of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define RNG                 0x4000d000
#define TASKS_START         0x000
#define TASKS_STOP          0x004
#define EVENTS_VALRDY       0x100
#define SHORTS              0x200
#define CONFIG              0x504
#define VALUE               0x508

#define US                  1000

static uint8_t next_byte(QTestState *qts)
{
    int i;

    for (i = 0; i < 10; i++) {
        if (qtest_readl(qts, RNG + EVENTS_VALRDY)) {
            qtest_writel(qts, RNG + EVENTS_VALRDY, 0);
            return qtest_readl(qts, RNG + VALUE);
        }
        qtest_clock_step(qts, 677 * US);
    }
    g_assert_not_reached();
}

static void test_values(void)
{
    QTestState *qts = qtest_init("-M microbit");
    unsigned seen[256] = { 0 };
    unsigned distinct = 0;
    int i;

    qtest_writel(qts, RNG + TASKS_START, 1);
    qtest_clock_step(qts, 676 * US);
    g_assert_cmphex(qtest_readl(qts, RNG + EVENTS_VALRDY), ==, 0);
    qtest_clock_step(qts, 1 * US);
    g_assert_cmphex(qtest_readl(qts, RNG + EVENTS_VALRDY), ==, 1);

    for (i = 0; i < 64; i++) {
        uint8_t b = next_byte(qts);

        distinct += !seen[b]++;
    }
    /* 64 random bytes are not all alike */
    g_assert_cmpuint(distinct, >, 16);
    qtest_quit(qts);
}

static void test_shorts_and_config(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* VALRDY_STOP: one byte only */
    qtest_writel(qts, RNG + SHORTS, 1);
    qtest_writel(qts, RNG + TASKS_START, 1);
    qtest_clock_step(qts, 677 * US);
    g_assert_cmphex(qtest_readl(qts, RNG + EVENTS_VALRDY), ==, 1);
    qtest_writel(qts, RNG + EVENTS_VALRDY, 0);
    qtest_clock_step(qts, 10 * 677 * US);
    g_assert_cmphex(qtest_readl(qts, RNG + EVENTS_VALRDY), ==, 0);

    /* Bias correction is slower */
    qtest_writel(qts, RNG + SHORTS, 0);
    qtest_writel(qts, RNG + CONFIG, 1);
    qtest_writel(qts, RNG + TASKS_START, 1);
    qtest_clock_step(qts, 2699 * US);
    g_assert_cmphex(qtest_readl(qts, RNG + EVENTS_VALRDY), ==, 0);
    qtest_clock_step(qts, 1 * US);
    g_assert_cmphex(qtest_readl(qts, RNG + EVENTS_VALRDY), ==, 1);
    qtest_writel(qts, RNG + TASKS_STOP, 1);
    qtest_quit(qts);
}

static void test_seed(void)
{
    QTestState *a = qtest_init("-M microbit -seed 7");
    QTestState *b = qtest_init("-M microbit -seed 7");
    int i;

    qtest_writel(a, RNG + TASKS_START, 1);
    qtest_writel(b, RNG + TASKS_START, 1);
    for (i = 0; i < 8; i++) {
        g_assert_cmpuint(next_byte(a), ==, next_byte(b));
    }
    qtest_quit(a);
    qtest_quit(b);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/rng/values", test_values);
    qtest_add_func("/microbit/nrf51/rng/shorts-and-config",
                   test_shorts_and_config);
    qtest_add_func("/microbit/nrf51/rng/seed", test_seed);

    return g_test_run();
}
