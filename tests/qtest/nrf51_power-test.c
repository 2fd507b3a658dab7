/*
 * QTest for the nRF51 POWER, CLOCK and MPU block of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "qobject/qdict.h"
#include "microbit-migrate.h"

#define BASE                0x40000000
#define TASKS_HFCLKSTART    0x000
#define TASKS_HFCLKSTOP     0x004
#define TASKS_LFCLKSTART    0x008
#define TASKS_LFCLKSTOP     0x00c
#define TASKS_CAL           0x010
#define TASKS_CTSTART       0x014
#define EVENTS_HFCLKSTARTED 0x100
#define EVENTS_LFCLKSTARTED 0x104
#define EVENTS_DONE         0x10c
#define EVENTS_CTTO         0x110
#define INTENSET            0x304
#define RESETREAS           0x400
#define HFCLKSTAT           0x40c
#define LFCLKRUN            0x414
#define LFCLKSTAT           0x418
#define LFCLKSRCCOPY        0x41c
#define SYSTEMOFF           0x500
#define LFCLKSRC            0x518
#define GPREGRET            0x51c
#define RAMON               0x524
#define CTIV                0x538

#define RESETREAS_RESETPIN  (1u << 0)
#define RESETREAS_SREQ      (1u << 2)
#define RESETREAS_OFF       (1u << 16)
#define CLKSTAT_RUNNING     (1u << 16)

#define RTC0_TASKS_START    0x4000b000
#define RTC0_COUNTER        0x4000b504

#define NVIC_ISPR0          0xe000e200
#define AIRCR               0xe000ed0c
#define GPIO_PIN_CNF(n)     (0x50000700 + 4 * (n))

static uint32_t rd(QTestState *qts, uint32_t offset)
{
    return qtest_readl(qts, BASE + offset);
}

static void wr(QTestState *qts, uint32_t offset, uint32_t value)
{
    qtest_writel(qts, BASE + offset, value);
}

static void test_reset_values(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* After power-on no reset reason is recorded */
    g_assert_cmphex(rd(qts, RESETREAS), ==, 0);
    /* The HFCLK runs from the RC oscillator, the LFCLK is off */
    g_assert_cmphex(rd(qts, HFCLKSTAT), ==, CLKSTAT_RUNNING);
    g_assert_cmphex(rd(qts, LFCLKSTAT), ==, 0);
    g_assert_cmphex(rd(qts, LFCLKSRC), ==, 0);
    g_assert_cmphex(rd(qts, RAMON), ==, 3);
    g_assert_cmphex(rd(qts, GPREGRET), ==, 0);
    qtest_quit(qts);
}

static void test_hfclk(void)
{
    QTestState *qts = qtest_init("-M microbit");

    wr(qts, INTENSET, 1);
    wr(qts, TASKS_HFCLKSTART, 1);
    /* The crystal takes 800 us to start */
    qtest_clock_step(qts, 799000);
    g_assert_cmphex(rd(qts, EVENTS_HFCLKSTARTED), ==, 0);
    g_assert_cmphex(rd(qts, HFCLKSTAT), ==, CLKSTAT_RUNNING);
    qtest_clock_step(qts, 1000);
    g_assert_cmphex(rd(qts, EVENTS_HFCLKSTARTED), ==, 1);
    g_assert_cmphex(rd(qts, HFCLKSTAT), ==, CLKSTAT_RUNNING | 1);
    g_assert_true(qtest_readl(qts, NVIC_ISPR0) & 1);

    wr(qts, TASKS_HFCLKSTOP, 1);
    g_assert_cmphex(rd(qts, HFCLKSTAT), ==, CLKSTAT_RUNNING);
    qtest_quit(qts);
}

static void test_lfclk(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* From the RC oscillator: 600 us */
    wr(qts, TASKS_LFCLKSTART, 1);
    g_assert_cmphex(rd(qts, LFCLKRUN), ==, 1);
    qtest_clock_step(qts, 599000);
    g_assert_cmphex(rd(qts, LFCLKSTAT), ==, 0);
    qtest_clock_step(qts, 1000);
    g_assert_cmphex(rd(qts, EVENTS_LFCLKSTARTED), ==, 1);
    g_assert_cmphex(rd(qts, LFCLKSTAT), ==, CLKSTAT_RUNNING);
    wr(qts, TASKS_LFCLKSTOP, 1);
    g_assert_cmphex(rd(qts, LFCLKSTAT), ==, 0);

    /* From the crystal: 300 ms, and LFCLKSTAT names the source */
    wr(qts, EVENTS_LFCLKSTARTED, 0);
    wr(qts, LFCLKSRC, 1);
    wr(qts, TASKS_LFCLKSTART, 1);
    qtest_clock_step(qts, 299 * 1000 * 1000);
    g_assert_cmphex(rd(qts, EVENTS_LFCLKSTARTED), ==, 0);
    qtest_clock_step(qts, 1000 * 1000);
    g_assert_cmphex(rd(qts, EVENTS_LFCLKSTARTED), ==, 1);
    g_assert_cmphex(rd(qts, LFCLKSTAT), ==, CLKSTAT_RUNNING | 1);
    g_assert_cmphex(rd(qts, LFCLKSRCCOPY), ==, 1);
    qtest_quit(qts);
}

static void test_calibration(void)
{
    QTestState *qts = qtest_init("-M microbit");

    wr(qts, TASKS_CAL, 1);
    qtest_clock_step(qts, 16 * 1000 * 1000);
    g_assert_cmphex(rd(qts, EVENTS_DONE), ==, 0);
    qtest_clock_step(qts, 1000 * 1000);
    g_assert_cmphex(rd(qts, EVENTS_DONE), ==, 1);

    /* The calibration timer counts in units of 250 ms */
    wr(qts, CTIV, 2);
    wr(qts, TASKS_CTSTART, 1);
    qtest_clock_step(qts, 499 * 1000 * 1000);
    g_assert_cmphex(rd(qts, EVENTS_CTTO), ==, 0);
    qtest_clock_step(qts, 1000 * 1000);
    g_assert_cmphex(rd(qts, EVENTS_CTTO), ==, 1);
    qtest_quit(qts);
}

static void test_reset_reasons(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* GPREGRET survives a reset; the pin reset is recorded */
    wr(qts, GPREGRET, 0x1a5);
    g_assert_cmphex(rd(qts, GPREGRET), ==, 0xa5);
    qtest_system_reset(qts);
    g_assert_cmphex(rd(qts, GPREGRET), ==, 0xa5);
    g_assert_cmphex(rd(qts, RESETREAS), ==, RESETREAS_RESETPIN);
    wr(qts, RESETREAS, RESETREAS_RESETPIN);
    g_assert_cmphex(rd(qts, RESETREAS), ==, 0);

    /* A soft reset through the NVIC is recorded as SREQ */
    qtest_writel(qts, AIRCR, 0x05fa0004);
    qtest_qmp_eventwait(qts, "RESET");
    g_assert_cmphex(rd(qts, RESETREAS), ==, RESETREAS_SREQ);
    g_assert_cmphex(rd(qts, GPREGRET), ==, 0xa5);
    qtest_quit(qts);
}

static void test_system_off(void)
{
    QTestState *qts = qtest_init("-M microbit");
    QDict *rsp;

    /* Button A's pin, pulled up, senses low */
    qtest_writel(qts, GPIO_PIN_CNF(17), (3 << 16) | (3 << 2));
    wr(qts, SYSTEMOFF, 1);
    qtest_qmp_eventwait(qts, "SUSPEND");
    rsp = qtest_qmp(qts, "{ 'execute': 'query-status' }");
    g_assert_cmpstr(qdict_get_str(qdict_get_qdict(rsp, "return"), "status"),
                    ==, "suspended");
    qobject_unref(rsp);

    /* Pressing the button wakes the chip through a reset */
    qtest_set_irq_in(qts, "/machine/nrf51", NULL, 17, 0);
    qtest_qmp_eventwait(qts, "WAKEUP");
    qtest_qmp_eventwait(qts, "RESET");
    g_assert_cmphex(rd(qts, RESETREAS), ==, RESETREAS_OFF);
    qtest_quit(qts);
}

static void test_bad_access(void)
{
    QTestState *qts = qtest_init("-M microbit");

    g_assert_cmphex(rd(qts, 0x800), ==, 0);
    wr(qts, 0x800, 0xffffffff);
    wr(qts, LFCLKSRC, 3);
    g_assert_cmphex(rd(qts, HFCLKSTAT), ==, CLKSTAT_RUNNING);
    qtest_quit(qts);
}

/*
 * The LFCLK the RTCs count on survives a migration: it still runs on
 * the destination, and LFCLKSTOP there still stops it.  Loading the
 * state signals nothing to the RTCs (they migrate what they saw), but
 * the LFCLK output must know it runs, or stopping it changes nothing.
 */
static void test_migrate_lfclk(void)
{
    QTestState *src = qtest_init("-M microbit");
    QTestState *dst;
    uint32_t count;

    wr(src, TASKS_LFCLKSTART, 1);
    qtest_clock_step(src, 1000 * 1000);
    g_assert_cmphex(rd(src, LFCLKSTAT), ==, CLKSTAT_RUNNING);
    qtest_writel(src, RTC0_TASKS_START, 1);
    qtest_clock_step(src, 1000 * 1000);
    g_assert_cmpuint(qtest_readl(src, RTC0_COUNTER), >, 0);

    dst = microbit_migrate(src, "-M microbit");
    qtest_quit(src);

    g_assert_cmphex(rd(dst, LFCLKSTAT), ==, CLKSTAT_RUNNING);
    count = qtest_readl(dst, RTC0_COUNTER);
    qtest_clock_step(dst, 1000 * 1000);
    /* 1 ms is 32.768 LFCLK cycles */
    g_assert_cmpuint(qtest_readl(dst, RTC0_COUNTER), >=, count + 32);

    wr(dst, TASKS_LFCLKSTOP, 1);
    g_assert_cmphex(rd(dst, LFCLKSTAT), ==, 0);
    count = qtest_readl(dst, RTC0_COUNTER);
    qtest_clock_step(dst, 10 * 1000 * 1000);
    g_assert_cmpuint(qtest_readl(dst, RTC0_COUNTER), ==, count);
    qtest_quit(dst);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/power/reset-values", test_reset_values);
    qtest_add_func("/microbit/nrf51/power/hfclk", test_hfclk);
    qtest_add_func("/microbit/nrf51/power/lfclk", test_lfclk);
    qtest_add_func("/microbit/nrf51/power/calibration", test_calibration);
    qtest_add_func("/microbit/nrf51/power/reset-reasons", test_reset_reasons);
    qtest_add_func("/microbit/nrf51/power/system-off", test_system_off);
    qtest_add_func("/microbit/nrf51/power/bad-access", test_bad_access);
    qtest_add_func("/microbit/nrf51/power/migrate-lfclk",
                   test_migrate_lfclk);

    return g_test_run();
}
