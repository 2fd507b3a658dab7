/*
 * QTest for the nRF51 SPI masters of the micro:bit, which share their
 * slots with the TWIs
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define SPI1                0x40004000
#define SPI1_IRQ            4
#define EVENTS_READY        0x108
#define INTENSET            0x304
#define ENABLE              0x500
#define SPIS_TASKS_ACQUIRE  0x024
#define SPIS_INTENSET       0x304
#define SPIS_INT_END        (1u << 1)
#define SPIS_MAXRX          0x538
#define PSELSCK             0x508
#define PSELMISO            0x510
#define RXD                 0x518
#define TXD                 0x51c
#define FREQUENCY           0x524
#define CONFIG              0x554
#define TWI_ADDRESS         0x588

#define FREQ_M1             0x10000000
/* Eight clocks at 1 MHz */
#define BYTE_NS             8000

#define NVIC_ISPR0          0xe000e200

static void test_transfer(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* Configured while disabled, as firmware does */
    qtest_writel(qts, SPI1 + PSELSCK, 23);
    qtest_writel(qts, SPI1 + PSELMISO, 22);
    qtest_writel(qts, SPI1 + CONFIG, 1);
    qtest_writel(qts, SPI1 + FREQUENCY, FREQ_M1);
    qtest_writel(qts, SPI1 + INTENSET, 1u << 2);
    qtest_writel(qts, SPI1 + ENABLE, 1);
    g_assert_cmphex(qtest_readl(qts, SPI1 + PSELMISO), ==, 22);
    g_assert_cmphex(qtest_readl(qts, SPI1 + CONFIG), ==, 1);

    /* Two bytes fit in TXD; READY follows each after eight clocks */
    qtest_writel(qts, SPI1 + TXD, 0xa5);
    qtest_writel(qts, SPI1 + TXD, 0x5a);
    qtest_clock_step(qts, BYTE_NS - 100);
    g_assert_cmphex(qtest_readl(qts, SPI1 + EVENTS_READY), ==, 0);
    qtest_clock_step(qts, 100);
    g_assert_cmphex(qtest_readl(qts, SPI1 + EVENTS_READY), ==, 1);
    g_assert_true(qtest_readl(qts, NVIC_ISPR0) & (1u << SPI1_IRQ));
    qtest_writel(qts, SPI1 + EVENTS_READY, 0);
    qtest_clock_step(qts, BYTE_NS);
    g_assert_cmphex(qtest_readl(qts, SPI1 + EVENTS_READY), ==, 1);

    /* Nothing answers on the bus: MISO reads 0 */
    g_assert_cmphex(qtest_readl(qts, SPI1 + RXD), ==, 0);
    g_assert_cmphex(qtest_readl(qts, SPI1 + RXD), ==, 0);
    qtest_quit(qts);
}

static void test_stall(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_writel(qts, SPI1 + FREQUENCY, FREQ_M1);
    qtest_writel(qts, SPI1 + ENABLE, 1);
    /* With RXD full, the third byte waits for a read */
    qtest_writel(qts, SPI1 + TXD, 1);
    qtest_writel(qts, SPI1 + TXD, 2);
    qtest_clock_step(qts, 10 * BYTE_NS);
    qtest_writel(qts, SPI1 + EVENTS_READY, 0);
    qtest_writel(qts, SPI1 + TXD, 3);
    qtest_clock_step(qts, 10 * BYTE_NS);
    g_assert_cmphex(qtest_readl(qts, SPI1 + EVENTS_READY), ==, 0);
    qtest_readl(qts, SPI1 + RXD);
    qtest_clock_step(qts, BYTE_NS);
    g_assert_cmphex(qtest_readl(qts, SPI1 + EVENTS_READY), ==, 1);
    qtest_quit(qts);
}

static void test_shared_slot(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* ENABLE = 5 gives the slot to the TWI, with its own registers */
    qtest_writel(qts, SPI1 + ENABLE, 5);
    qtest_writel(qts, SPI1 + TWI_ADDRESS, 0x1d);
    g_assert_cmphex(qtest_readl(qts, SPI1 + TWI_ADDRESS), ==, 0x1d);
    g_assert_cmphex(qtest_readl(qts, SPI1 + ENABLE), ==, 5);
    /* and back to SPI */
    qtest_writel(qts, SPI1 + ENABLE, 1);
    g_assert_cmphex(qtest_readl(qts, SPI1 + ENABLE), ==, 1);
    g_assert_cmphex(qtest_readl(qts, SPI1 + TWI_ADDRESS), ==, 0);
    qtest_quit(qts);
}

/*
 * ENABLE = 2 gives slot 1 to SPIS1, the SPI slave: its registers hold
 * what is written, its tasks are logged as unimplemented, and the SPI
 * master's registers come back when it is disabled
 */
static void test_spis1(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_writel(qts, SPI1 + FREQUENCY, 0x80000000);
    qtest_writel(qts, SPI1 + ENABLE, 2);
    g_assert_cmphex(qtest_readl(qts, SPI1 + ENABLE), ==, 2);
    qtest_writel(qts, SPI1 + SPIS_MAXRX, 32);
    g_assert_cmphex(qtest_readl(qts, SPI1 + SPIS_MAXRX), ==, 32);
    qtest_writel(qts, SPI1 + SPIS_TASKS_ACQUIRE, 1);
    qtest_writel(qts, SPI1 + SPIS_INTENSET, SPIS_INT_END);
    g_assert_cmphex(qtest_readl(qts, SPI1 + SPIS_INTENSET), ==, SPIS_INT_END);
    qtest_writel(qts, SPI1 + ENABLE, 0);
    g_assert_cmphex(qtest_readl(qts, SPI1 + FREQUENCY), ==, 0x80000000);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/spi/transfer", test_transfer);
    qtest_add_func("/microbit/nrf51/spi/stall", test_stall);
    qtest_add_func("/microbit/nrf51/spi/shared-slot", test_shared_slot);
    qtest_add_func("/microbit/nrf51/spi/spis1", test_spis1);

    return g_test_run();
}
