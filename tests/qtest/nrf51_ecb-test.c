/*
 * QTest for the nRF51 ECB (AES-128) of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define ECB                 0x4000e000
#define TASKS_STARTECB      0x000
#define TASKS_STOPECB       0x004
#define EVENTS_ENDECB       0x100
#define EVENTS_ERRORECB     0x104
#define ECBDATAPTR          0x504
#define RAM                 0x20001000

/* FIPS-197 appendix C.1 */
static const uint8_t key[16] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
    0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
};
static const uint8_t plain[16] = {
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
};
static const uint8_t cipher[16] = {
    0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
    0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a,
};

static void test_encrypt(void)
{
    QTestState *qts = qtest_init("-M microbit");
    uint8_t out[16];

    qtest_memwrite(qts, RAM, key, 16);
    qtest_memwrite(qts, RAM + 16, plain, 16);
    qtest_writel(qts, ECB + ECBDATAPTR, RAM);
    qtest_writel(qts, ECB + TASKS_STARTECB, 1);
    qtest_clock_step(qts, 7000);
    g_assert_cmphex(qtest_readl(qts, ECB + EVENTS_ENDECB), ==, 0);
    qtest_clock_step(qts, 200);
    g_assert_cmphex(qtest_readl(qts, ECB + EVENTS_ENDECB), ==, 1);
    qtest_memread(qts, RAM + 32, out, 16);
    g_assert_cmpmem(out, 16, cipher, 16);
    qtest_quit(qts);
}

static void test_errors(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* The data must be in RAM */
    qtest_writel(qts, ECB + ECBDATAPTR, 0x1000);
    qtest_writel(qts, ECB + TASKS_STARTECB, 1);
    g_assert_cmphex(qtest_readl(qts, ECB + EVENTS_ERRORECB), ==, 1);
    qtest_writel(qts, ECB + EVENTS_ERRORECB, 0);
    qtest_writel(qts, ECB + ECBDATAPTR, 0x20003ff0);
    qtest_writel(qts, ECB + TASKS_STARTECB, 1);
    g_assert_cmphex(qtest_readl(qts, ECB + EVENTS_ERRORECB), ==, 1);
    qtest_writel(qts, ECB + EVENTS_ERRORECB, 0);

    /* Stopped half-way */
    qtest_writel(qts, ECB + ECBDATAPTR, RAM);
    qtest_writel(qts, ECB + TASKS_STARTECB, 1);
    qtest_writel(qts, ECB + TASKS_STOPECB, 1);
    g_assert_cmphex(qtest_readl(qts, ECB + EVENTS_ERRORECB), ==, 1);
    qtest_clock_step(qts, 10000);
    g_assert_cmphex(qtest_readl(qts, ECB + EVENTS_ENDECB), ==, 0);
    qtest_quit(qts);
}

/*
 * STARTECB latches ECBDATAPTR: pointing it elsewhere while the block is
 * encrypted does not move the result, which goes after the block read
 */
static void test_latched_pointer(void)
{
    QTestState *qts = qtest_init("-M microbit");
    static const uint8_t zero[16];
    uint8_t out[16];

    qtest_memwrite(qts, RAM, key, 16);
    qtest_memwrite(qts, RAM + 16, plain, 16);
    qtest_memset(qts, RAM + 32, 0, 16);
    qtest_memset(qts, RAM + 0x100, 0, 48);
    qtest_writel(qts, ECB + ECBDATAPTR, RAM);
    qtest_writel(qts, ECB + TASKS_STARTECB, 1);
    qtest_writel(qts, ECB + ECBDATAPTR, RAM + 0x100);
    g_assert_cmphex(qtest_readl(qts, ECB + ECBDATAPTR), ==, RAM + 0x100);
    qtest_clock_step(qts, 10000);
    g_assert_cmphex(qtest_readl(qts, ECB + EVENTS_ENDECB), ==, 1);
    g_assert_cmphex(qtest_readl(qts, ECB + EVENTS_ERRORECB), ==, 0);
    qtest_memread(qts, RAM + 32, out, 16);
    g_assert_cmpmem(out, 16, cipher, 16);
    qtest_memread(qts, RAM + 0x100 + 32, out, 16);
    g_assert_cmpmem(out, 16, zero, 16);

    /* Nor does a pointer outside RAM written meanwhile fail the block */
    qtest_writel(qts, ECB + EVENTS_ENDECB, 0);
    qtest_memset(qts, RAM + 32, 0, 16);
    qtest_writel(qts, ECB + ECBDATAPTR, RAM);
    qtest_writel(qts, ECB + TASKS_STARTECB, 1);
    qtest_writel(qts, ECB + ECBDATAPTR, 0x1000);
    qtest_clock_step(qts, 10000);
    g_assert_cmphex(qtest_readl(qts, ECB + EVENTS_ENDECB), ==, 1);
    g_assert_cmphex(qtest_readl(qts, ECB + EVENTS_ERRORECB), ==, 0);
    qtest_memread(qts, RAM + 32, out, 16);
    g_assert_cmpmem(out, 16, cipher, 16);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/ecb/encrypt", test_encrypt);
    qtest_add_func("/microbit/nrf51/ecb/errors", test_errors);
    qtest_add_func("/microbit/nrf51/ecb/latched-pointer",
                   test_latched_pointer);

    return g_test_run();
}
