/*
 * QTest for the nRF51 NVMC, flash and UICR of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "qemu/bswap.h"

#define NVMC                0x4001e000
#define READY               0x400
#define CONFIG              0x504
#define ERASEPAGE           0x508
#define ERASEALL            0x50c
#define ERASEPCR0           0x510
#define ERASEUICR           0x514
#define CONFIG_WEN          1
#define CONFIG_EEN          2

#define PAGE                0x3f000
#define UICR_CUSTOMER0      0x10001080
#define FLASH_SIZE          (256 * 1024)
#define IMAGE_SIZE          (FLASH_SIZE + 1024)

static void nvmc(QTestState *qts, uint32_t offset, uint32_t value)
{
    qtest_writel(qts, NVMC + offset, value);
}

static void test_program(void)
{
    QTestState *qts = qtest_init("-M microbit");

    g_assert_cmphex(qtest_readl(qts, NVMC + READY), ==, 1);

    /* Without WEN, flash ignores writes */
    qtest_writel(qts, PAGE, 0x12345678);
    g_assert_cmphex(qtest_readl(qts, PAGE), ==, 0xffffffff);

    /* With WEN, writes only clear bits */
    nvmc(qts, CONFIG, CONFIG_WEN);
    qtest_writel(qts, PAGE, 0x12345678);
    g_assert_cmphex(qtest_readl(qts, PAGE), ==, 0x12345678);
    qtest_writel(qts, PAGE, 0xffff00ff);
    g_assert_cmphex(qtest_readl(qts, PAGE), ==, 0x12340078);
    qtest_writel(qts, PAGE + 1020, 0);
    qtest_writel(qts, UICR_CUSTOMER0, 0xcafe0000);
    g_assert_cmphex(qtest_readl(qts, UICR_CUSTOMER0), ==, 0xcafe0000);

    /* Flash and UICR survive a reset */
    qtest_system_reset(qts);
    g_assert_cmphex(qtest_readl(qts, PAGE), ==, 0x12340078);
    g_assert_cmphex(qtest_readl(qts, UICR_CUSTOMER0), ==, 0xcafe0000);
    g_assert_cmphex(qtest_readl(qts, NVMC + CONFIG), ==, 0);
    qtest_quit(qts);
}

static void test_erase(void)
{
    QTestState *qts = qtest_init("-M microbit");

    nvmc(qts, CONFIG, CONFIG_WEN);
    qtest_writel(qts, PAGE, 0);
    qtest_writel(qts, PAGE + 1024, 0);
    qtest_writel(qts, UICR_CUSTOMER0, 0);

    /* Erasing needs EEN */
    nvmc(qts, ERASEPAGE, PAGE);
    g_assert_cmphex(qtest_readl(qts, PAGE), ==, 0);

    nvmc(qts, CONFIG, CONFIG_EEN);
    nvmc(qts, ERASEPAGE, PAGE);
    g_assert_cmphex(qtest_readl(qts, PAGE), ==, 0xffffffff);
    g_assert_cmphex(qtest_readl(qts, PAGE + 1024), ==, 0);
    /* A misaligned page address is refused */
    nvmc(qts, ERASEPCR0, PAGE + 1028);
    g_assert_cmphex(qtest_readl(qts, PAGE + 1024), ==, 0);
    nvmc(qts, ERASEPCR0, PAGE + 1024);
    g_assert_cmphex(qtest_readl(qts, PAGE + 1024), ==, 0xffffffff);

    nvmc(qts, ERASEUICR, 1);
    g_assert_cmphex(qtest_readl(qts, UICR_CUSTOMER0), ==, 0xffffffff);

    nvmc(qts, CONFIG, CONFIG_WEN);
    qtest_writel(qts, 0, 0);
    qtest_writel(qts, UICR_CUSTOMER0, 0);
    nvmc(qts, CONFIG, CONFIG_EEN);
    nvmc(qts, ERASEALL, 1);
    g_assert_cmphex(qtest_readl(qts, 0), ==, 0xffffffff);
    g_assert_cmphex(qtest_readl(qts, UICR_CUSTOMER0), ==, 0xffffffff);
    qtest_quit(qts);
}

static void test_drive(void)
{
    g_autofree char *path = NULL;
    g_autofree char *args = NULL;
    g_autofree char *contents = NULL;
    GError *err = NULL;
    QTestState *qts;
    gsize len;
    int fd;

    /* An empty image becomes an erased chip */
    fd = g_file_open_tmp("microbit-flash-XXXXXX.img", &path, &err);
    g_assert_no_error(err);
    close(fd);
    args = g_strdup_printf("-M microbit -drive if=pflash,format=raw,file=%s",
                           path);

    qts = qtest_init(args);
    g_assert_cmphex(qtest_readl(qts, PAGE), ==, 0xffffffff);
    nvmc(qts, CONFIG, CONFIG_WEN);
    qtest_writel(qts, PAGE, 0x600dcafe);
    qtest_writel(qts, UICR_CUSTOMER0, 0x12345678);
    qtest_quit(qts);

    g_assert_true(g_file_get_contents(path, &contents, &len, &err));
    g_assert_cmpuint(len, ==, IMAGE_SIZE);
    g_assert_cmphex(ldl_le_p(contents + PAGE), ==, 0x600dcafe);

    /* The next run finds what the last one wrote */
    qts = qtest_init(args);
    g_assert_cmphex(qtest_readl(qts, PAGE), ==, 0x600dcafe);
    g_assert_cmphex(qtest_readl(qts, UICR_CUSTOMER0), ==, 0x12345678);
    qtest_quit(qts);
    unlink(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/nvmc/program", test_program);
    qtest_add_func("/microbit/nrf51/nvmc/erase", test_erase);
    qtest_add_func("/microbit/nrf51/nvmc/drive", test_drive);

    return g_test_run();
}
