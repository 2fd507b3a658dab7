/*
 * QTest for the nRF51 blocks of the micro:bit that are registers only:
 * AAR/CCM, QDEC and LPCOMP
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

static const uint32_t bases[] = {
    0x4000f000,     /* AAR/CCM */
    0x40012000,     /* QDEC */
    0x40013000,     /* LPCOMP */
};

static void test_registers(void)
{
    QTestState *qts = qtest_init("-M microbit");
    int i;

    for (i = 0; i < ARRAY_SIZE(bases); i++) {
        uint32_t b = bases[i];

        /* Configuration holds what is written; POWER reads 1 */
        g_assert_cmphex(qtest_readl(qts, b + 0xffc), ==, 1);
        qtest_writel(qts, b + 0x504, 0xa5a5a5a5);
        g_assert_cmphex(qtest_readl(qts, b + 0x504), ==, 0xa5a5a5a5);
        qtest_writel(qts, b + 0x200, 3);
        g_assert_cmphex(qtest_readl(qts, b + 0x200), ==, 3);
        qtest_writel(qts, b + 0x304, 5);
        g_assert_cmphex(qtest_readl(qts, b + 0x300), ==, 5);

        /* Tasks do nothing and events never fire */
        qtest_writel(qts, b + 0x000, 1);
        qtest_clock_step(qts, 1000 * 1000);
        g_assert_cmphex(qtest_readl(qts, b + 0x100), ==, 0);

        /* A reset clears the configuration */
        qtest_system_reset(qts);
        g_assert_cmphex(qtest_readl(qts, b + 0x504), ==, 0);
    }
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/basic/registers", test_registers);

    return g_test_run();
}
