/*
 * QTest for the micro:bit machine: memory map and program loading
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define FLASH_SIZE      (256 * 1024)
#define SRAM_BASE       0x20000000
#define SRAM_SIZE       (16 * 1024)
#define UICR_BASE       0x10001000
#define UICR_BOOTLOADERADDR (UICR_BASE + 0x014)

static void test_memory_map(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* Flash and UICR read as erased until programmed */
    g_assert_cmphex(qtest_readl(qts, 0), ==, 0xffffffff);
    g_assert_cmphex(qtest_readl(qts, FLASH_SIZE - 4), ==, 0xffffffff);
    g_assert_cmphex(qtest_readl(qts, UICR_BOOTLOADERADDR), ==, 0xffffffff);

    /* RAM is 16 KiB */
    qtest_writel(qts, SRAM_BASE, 0x12345678);
    qtest_writel(qts, SRAM_BASE + SRAM_SIZE - 4, 0x9abcdef0);
    g_assert_cmphex(qtest_readl(qts, SRAM_BASE), ==, 0x12345678);
    g_assert_cmphex(qtest_readl(qts, SRAM_BASE + SRAM_SIZE - 4), ==,
                    0x9abcdef0);

    /* Blocks not modelled yet read as zero and ignore writes */
    qtest_writel(qts, 0x40000000 + 0x1000 * 13, 1);
    g_assert_cmphex(qtest_readl(qts, 0x40000000 + 0x1000 * 13 + 0x508),
                    ==, 0);

    qtest_quit(qts);
}

/* The Cortex-M0 as the nRF51 has it */
static void test_core(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* No SysTick: its registers are reserved and nothing ticks */
    qtest_writel(qts, 0xe000e014, 1000);
    qtest_writel(qts, 0xe000e010, 7);
    qtest_clock_step(qts, 1000 * 1000);
    g_assert_cmphex(qtest_readl(qts, 0xe000e014), ==, 0);
    g_assert_cmphex(qtest_readl(qts, 0xe000ed04) & (1u << 26), ==, 0);

    /* SCR exists on ARMv6-M */
    qtest_writel(qts, 0xe000ed10, 2);
    g_assert_cmphex(qtest_readl(qts, 0xe000ed10), ==, 2);

    /* The vector table is fixed at 0: there is no VTOR */
    qtest_writel(qts, 0xe000ed08, 0x1000);
    g_assert_cmphex(qtest_readl(qts, 0xe000ed08), ==, 0);

    /* IRQ n belongs to peripheral n: UART0 is line 2 */
    qtest_writel(qts, 0x40002304, 1u << 7);
    qtest_writel(qts, 0x40002500, 4);
    qtest_writel(qts, 0x40002008, 1);
    qtest_writel(qts, 0x4000251c, 'x');
    qtest_clock_step(qts, 100 * 1000);
    g_assert_cmphex(qtest_readl(qts, 0xe000e200), ==, 1u << 2);
    qtest_quit(qts);
}

static char *write_temp(const char *contents)
{
    GError *err = NULL;
    char *path;
    int fd = g_file_open_tmp("microbit-test-XXXXXX.hex", &path, &err);

    g_assert_no_error(err);
    g_assert_true(g_file_set_contents(path, contents, -1, &err));
    g_assert_no_error(err);
    close(fd);
    return path;
}

static void test_load_hex(void)
{
    /* Data at 0x100 and 0x3fff0, and the bootloader address in UICR */
    g_autofree char *hex = write_temp(
        ":0401000001020304F1\n"
        ":020000040003F7\n"
        ":04FFF000DEADBEEFD5\n"
        ":020000041000EA\n"
        ":0410140000C0030015\n"
        ":00000001FF\n");
    g_autofree char *args = g_strdup_printf("-M microbit -kernel %s", hex);
    QTestState *qts = qtest_init(args);

    g_assert_cmphex(qtest_readl(qts, 0x100), ==, 0x04030201);
    g_assert_cmphex(qtest_readl(qts, 0x104), ==, 0xffffffff);
    g_assert_cmphex(qtest_readl(qts, 0x3fff0), ==, 0xefbeadde);
    g_assert_cmphex(qtest_readl(qts, UICR_BOOTLOADERADDR), ==, 0x3c000);

    /* What was flashed stays there across a reset */
    qtest_system_reset(qts);
    g_assert_cmphex(qtest_readl(qts, 0x100), ==, 0x04030201);
    g_assert_cmphex(qtest_readl(qts, UICR_BOOTLOADERADDR), ==, 0x3c000);

    qtest_quit(qts);
    unlink(hex);
}

static void test_load_universal_hex(void)
{
    /* A V1 section and a V2 section at the same address */
    g_autofree char *hex = write_temp(
        ":020000040000FA\n"
        ":0400000A9900C0DEBB\n"
        ":040100001122334451\n"
        ":0000000BF5\n"
        ":020000040000FA\n"
        ":0400000A9903C0DEB8\n"
        ":0401000D5566778834\n"
        ":0000000BF5\n"
        ":00000001FF\n");
    g_autofree char *args = g_strdup_printf("-M microbit -kernel %s", hex);
    QTestState *qts = qtest_init(args);

    g_assert_cmphex(qtest_readl(qts, 0x100), ==, 0x44332211);

    qtest_quit(qts);
    unlink(hex);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/machine/memory-map", test_memory_map);
    qtest_add_func("/microbit/machine/core", test_core);
    qtest_add_func("/microbit/machine/load-hex", test_load_hex);
    qtest_add_func("/microbit/machine/load-universal-hex",
                   test_load_universal_hex);

    return g_test_run();
}
