/*
 * QTest for the nRF51 PPI of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define PPI                 0x4001f000
#define TASKS_CHG_EN(n)     (0x000 + 8 * (n))
#define TASKS_CHG_DIS(n)    (0x004 + 8 * (n))
#define CHEN                0x500
#define CHENSET             0x504
#define CHENCLR             0x508
#define CH_EEP(n)           (0x510 + 8 * (n))
#define CH_TEP(n)           (0x514 + 8 * (n))
#define CHG(n)              (0x800 + 4 * (n))

#define TIMER0              0x40008000
#define TIMER0_COMPARE0     (TIMER0 + 0x140)
#define TIMER0_START        (TIMER0 + 0x000)
#define TIMER0_CAPTURE1     (TIMER0 + 0x044)
#define TIMER0_CC0          (TIMER0 + 0x540)
#define TIMER0_CC1          (TIMER0 + 0x544)
#define TIMER0_SHORTS       (TIMER0 + 0x200)

#define GPIOTE              0x40006000
#define GPIOTE_OUT0         (GPIOTE + 0x000)
#define GPIOTE_IN1          (GPIOTE + 0x104)
#define GPIOTE_CONFIG(n)    (GPIOTE + 0x510 + 4 * (n))

#define RTC0                0x4000b000
#define CLOCK_LFCLKSTART    0x40000008

#define NVMC_CONFIG         0x4001e504

#define SOC                 "/machine/nrf51"
#define US                  1000

static void test_timer_drives_pin(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_irq_intercept_out(qts, SOC);

    /* GPIOTE channel 0 toggles P0.3; TIMER0 fires every 100 us */
    qtest_writel(qts, GPIOTE_CONFIG(0), 3 | (3 << 8) | (3 << 16));
    qtest_writel(qts, TIMER0_CC0, 100);
    qtest_writel(qts, TIMER0_SHORTS, 1);
    qtest_writel(qts, PPI + CH_EEP(0), TIMER0_COMPARE0);
    qtest_writel(qts, PPI + CH_TEP(0), GPIOTE_OUT0);
    qtest_writel(qts, PPI + CHENSET, 1);
    g_assert_cmphex(qtest_readl(qts, PPI + CH_EEP(0)), ==, TIMER0_COMPARE0);
    qtest_writel(qts, TIMER0_START, 1);

    g_assert_false(qtest_get_irq(qts, 3));
    qtest_clock_step(qts, 100 * US);
    g_assert_true(qtest_get_irq(qts, 3));
    qtest_clock_step(qts, 100 * US);
    g_assert_false(qtest_get_irq(qts, 3));

    /* A channel group switches it off and on */
    qtest_writel(qts, PPI + CHG(0), 1);
    qtest_writel(qts, PPI + TASKS_CHG_DIS(0), 1);
    g_assert_cmphex(qtest_readl(qts, PPI + CHEN), ==, 0);
    qtest_clock_step(qts, 100 * US);
    g_assert_false(qtest_get_irq(qts, 3));
    qtest_writel(qts, PPI + TASKS_CHG_EN(0), 1);
    g_assert_cmphex(qtest_readl(qts, PPI + CHEN), ==, 1);
    qtest_clock_step(qts, 100 * US);
    g_assert_true(qtest_get_irq(qts, 3));
    qtest_quit(qts);
}

static void test_fixed_channel(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* Channel 31 is wired to RTC0 COMPARE[0] -> TIMER0 START */
    qtest_writel(qts, CLOCK_LFCLKSTART, 1);
    qtest_clock_step(qts, 1000 * US);
    qtest_writel(qts, RTC0 + 0x540, 2);
    qtest_writel(qts, RTC0 + 0x344, 1u << 16);
    qtest_writel(qts, PPI + CHENSET, 1u << 31);
    qtest_writel(qts, RTC0, 1);

    qtest_clock_step(qts, 2 * 30518);
    qtest_clock_step(qts, 10 * US);
    qtest_writel(qts, TIMER0_CAPTURE1, 1);
    g_assert_cmpuint(qtest_readl(qts, TIMER0_CC1), >=, 9);

    /* Channels 16-19 do not exist */
    qtest_writel(qts, PPI + CHENSET, 0xf0000);
    g_assert_cmphex(qtest_readl(qts, PPI + CHEN) & 0xf0000, ==, 0);
    qtest_quit(qts);
}

static void test_loop(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /*
     * Channel 0 of GPIOTE toggles P0.3, channel 1 raises IN[1] when it
     * changes, and the PPI turns IN[1] into OUT[0]: a loop.  QEMU must
     * cut it and carry on.
     */
    qtest_writel(qts, GPIOTE_CONFIG(0), 3 | (3 << 8) | (3 << 16));
    qtest_writel(qts, GPIOTE_CONFIG(1), 1 | (3 << 8) | (3 << 16));
    qtest_writel(qts, PPI + CH_EEP(0), GPIOTE_IN1);
    qtest_writel(qts, PPI + CH_TEP(0), GPIOTE_OUT0);
    qtest_writel(qts, PPI + CHENSET, 1);
    qtest_writel(qts, GPIOTE_OUT0, 1);
    qtest_clock_step(qts, 100 * US);
    g_assert_cmphex(qtest_readl(qts, GPIOTE_IN1), ==, 1);

    /* A task address with nothing behind it is harmless too */
    qtest_writel(qts, PPI + CH_TEP(0), 0x60000000);
    qtest_writel(qts, GPIOTE_OUT0, 1);
    g_assert_cmphex(qtest_readl(qts, PPI + CH_TEP(0)), ==, 0x60000000);
    qtest_quit(qts);
}

/*
 * TEP and EEP name task and event registers only: a channel whose TEP
 * points at RAM, flash or a configuration register does nothing there
 * (the PPI makes no bus writes), and one whose EEP is not an event
 * register never fires.
 */
static void test_not_a_task(void)
{
    QTestState *qts = qtest_init("-M microbit");
    static const uint32_t teps[] = {
        0x20000100,                 /* RAM */
        0x4001e50c,                 /* NVMC ERASEALL */
        TIMER0_CC1,                 /* a register, not a task */
        0x50000508,                 /* GPIO OUTSET: not a peripheral ID */
    };
    unsigned i;

    qtest_writel(qts, 0x20000100, 0x12345678);
    /* A word in flash, and erasing enabled: ERASEALL would erase it */
    qtest_writel(qts, NVMC_CONFIG, 1);
    qtest_writel(qts, 0x1000, 0x11223344);
    qtest_writel(qts, NVMC_CONFIG, 2);
    g_assert_cmphex(qtest_readl(qts, 0x1000), ==, 0x11223344);
    qtest_writel(qts, TIMER0_CC1, 77);
    qtest_writel(qts, TIMER0_CC0, 10);
    qtest_writel(qts, TIMER0_SHORTS, 1);
    qtest_writel(qts, PPI + CH_EEP(0), TIMER0_COMPARE0);
    qtest_writel(qts, PPI + CHENSET, 1);
    for (i = 0; i < ARRAY_SIZE(teps); i++) {
        qtest_writel(qts, PPI + CH_TEP(0), teps[i]);
        g_assert_cmphex(qtest_readl(qts, PPI + CH_TEP(0)), ==, teps[i]);
        qtest_writel(qts, TIMER0_START, 1);
        qtest_clock_step(qts, 100 * US);
        qtest_writel(qts, TIMER0 + 0x004, 1);       /* STOP */
    }
    g_assert_cmphex(qtest_readl(qts, 0x20000100), ==, 0x12345678);
    g_assert_cmphex(qtest_readl(qts, 0x1000), ==, 0x11223344);
    g_assert_cmphex(qtest_readl(qts, TIMER0_CC1), ==, 77);

    /* An EEP that is a task register never fires */
    qtest_writel(qts, GPIOTE_CONFIG(0), 3 | (3 << 8) | (3 << 16));
    qtest_writel(qts, PPI + CH_EEP(0), TIMER0_START);
    qtest_writel(qts, PPI + CH_TEP(0), GPIOTE_OUT0);
    qtest_writel(qts, TIMER0_START, 1);
    qtest_clock_step(qts, 100 * US);
    qtest_irq_intercept_out(qts, SOC);
    g_assert_false(qtest_get_irq(qts, 3));
    qtest_quit(qts);
}

/*
 * A channel's event reaches its task through the PPI's lines even when
 * task and event are in one peripheral: TIMER0 COMPARE[0] -> TIMER0
 * CAPTURE[1], many times within one step of the clock.
 */
static void test_same_peripheral(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_writel(qts, TIMER0_CC0, 100);
    qtest_writel(qts, TIMER0_SHORTS, 1);
    qtest_writel(qts, PPI + CH_EEP(3), TIMER0_COMPARE0);
    qtest_writel(qts, PPI + CH_TEP(3), TIMER0_CAPTURE1);
    qtest_writel(qts, PPI + CHENSET, 1u << 3);
    qtest_writel(qts, TIMER0_START, 1);
    qtest_clock_step(qts, 1000 * US);
    /* Captured as the counter cleared: 0 (or 100 before the clear) */
    g_assert_cmpuint(qtest_readl(qts, TIMER0_CC1) % 100, ==, 0);
    qtest_writel(qts, TIMER0_CC1, 55);
    qtest_writel(qts, PPI + CHENCLR, 1u << 3);
    qtest_clock_step(qts, 1000 * US);
    g_assert_cmpuint(qtest_readl(qts, TIMER0_CC1), ==, 55);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/ppi/timer-drives-pin",
                   test_timer_drives_pin);
    qtest_add_func("/microbit/nrf51/ppi/fixed-channel", test_fixed_channel);
    qtest_add_func("/microbit/nrf51/ppi/loop", test_loop);
    qtest_add_func("/microbit/nrf51/ppi/not-a-task", test_not_a_task);
    qtest_add_func("/microbit/nrf51/ppi/same-peripheral",
                   test_same_peripheral);

    return g_test_run();
}
