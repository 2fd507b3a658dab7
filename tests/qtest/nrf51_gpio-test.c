/*
 * QTest for the nRF51 GPIO and GPIOTE of the micro:bit
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define GPIO                0x50000000
#define OUT                 0x504
#define OUTSET              0x508
#define OUTCLR              0x50c
#define IN                  0x510
#define DIR                 0x514
#define DIRSET              0x518
#define DIRCLR              0x51c
#define PIN_CNF(n)          (0x700 + 4 * (n))

#define CNF_OUTPUT          (1u << 0)
#define CNF_DISCONNECT      (1u << 1)
#define CNF_PULLDOWN        (1u << 2)
#define CNF_PULLUP          (3u << 2)

#define SOC                 "/machine/nrf51"

static uint32_t rd(QTestState *qts, uint32_t offset)
{
    return qtest_readl(qts, GPIO + offset);
}

static void wr(QTestState *qts, uint32_t offset, uint32_t value)
{
    qtest_writel(qts, GPIO + offset, value);
}

static void test_reset_values(void)
{
    QTestState *qts = qtest_init("-M microbit");
    int i;

    for (i = 0; i < 32; i++) {
        g_assert_cmphex(rd(qts, PIN_CNF(i)), ==, CNF_DISCONNECT);
    }
    g_assert_cmphex(rd(qts, DIR), ==, 0);
    g_assert_cmphex(rd(qts, OUT), ==, 0);
    g_assert_cmphex(rd(qts, IN), ==, 0);
    qtest_quit(qts);
}

static void test_output(void)
{
    QTestState *qts = qtest_init("-M microbit");

    qtest_irq_intercept_out(qts, SOC);

    /* DIR is a view of the PIN_CNF direction bits */
    wr(qts, DIRSET, 1u << 13);
    g_assert_cmphex(rd(qts, PIN_CNF(13)), ==, CNF_DISCONNECT | CNF_OUTPUT);
    wr(qts, PIN_CNF(4), CNF_OUTPUT);
    g_assert_cmphex(rd(qts, DIR), ==, (1u << 13) | (1u << 4));

    wr(qts, OUTSET, 1u << 13);
    g_assert_true(qtest_get_irq(qts, 13));
    g_assert_false(qtest_get_irq(qts, 4));
    g_assert_cmphex(rd(qts, OUT), ==, 1u << 13);
    /* IN only sees pins whose input buffer is connected */
    g_assert_cmphex(rd(qts, IN), ==, 0);
    wr(qts, OUTSET, 1u << 4);
    g_assert_cmphex(rd(qts, IN), ==, 1u << 4);

    wr(qts, OUTCLR, 1u << 13);
    g_assert_false(qtest_get_irq(qts, 13));
    wr(qts, OUT, 0);
    g_assert_false(qtest_get_irq(qts, 4));

    /* A pin turned back to input stops driving */
    wr(qts, OUTSET, 1u << 13);
    g_assert_true(qtest_get_irq(qts, 13));
    wr(qts, DIRCLR, 1u << 13);
    g_assert_false(qtest_get_irq(qts, 13));
    qtest_quit(qts);
}

static void test_input(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* Pulls decide an undriven pin; a floating pin reads 0 */
    wr(qts, PIN_CNF(21), CNF_PULLUP);
    wr(qts, PIN_CNF(22), CNF_PULLDOWN);
    wr(qts, PIN_CNF(5), 0);
    g_assert_cmphex(rd(qts, IN) & 0x00600020, ==, 1u << 21);

    /* The outside world drives a pin */
    qtest_set_irq_in(qts, SOC, NULL, 21, 0);
    qtest_set_irq_in(qts, SOC, NULL, 22, 1);
    qtest_set_irq_in(qts, SOC, NULL, 5, 1);
    g_assert_cmphex(rd(qts, IN) & 0x00600020, ==, (1u << 22) | (1u << 5));

    /* A disconnected input buffer reads 0 */
    wr(qts, PIN_CNF(22), CNF_DISCONNECT);
    g_assert_cmphex(rd(qts, IN) & 0x00600020, ==, 1u << 5);

    /* Released, the pin floats again */
    qtest_set_irq_in(qts, SOC, NULL, 5, -1);
    g_assert_cmphex(rd(qts, IN) & 0x00600020, ==, 0);

    /* The board's buttons hold their pins high until pressed */
    wr(qts, PIN_CNF(17), 0);
    wr(qts, PIN_CNF(26), 0);
    g_assert_cmphex(rd(qts, IN) & 0x04020000, ==, 0x04020000);
    qtest_quit(qts);
}

static void touch(QTestState *qts, int pin, bool touched)
{
    g_autofree char *prop = g_strdup_printf("pin%d-touched", pin);

    qtest_qmp_assert_success(qts, "{ 'execute': 'qom-set', 'arguments': "
                             "{ 'path': '/machine', 'property': %s, "
                             "'value': %i } }", prop, touched);
}

/*
 * Edge connector pins 0-2 (P0.03, P0.02, P0.01) have weak pull-ups on
 * the board: an input without a pull of its own reads high, the chip's
 * pull-down wins, and a finger on the pin pulls it low.
 */
static void test_board_pullups(void)
{
    QTestState *qts = qtest_init("-M microbit");

    wr(qts, PIN_CNF(3), 0);
    wr(qts, PIN_CNF(2), 0);
    wr(qts, PIN_CNF(4), 0);
    g_assert_cmphex(rd(qts, IN) & 0x1c, ==, 0x0c);
    wr(qts, PIN_CNF(2), CNF_PULLDOWN);
    g_assert_cmphex(rd(qts, IN) & 0x1c, ==, 0x08);

    touch(qts, 0, true);
    g_assert_cmphex(rd(qts, IN) & 0x1c, ==, 0);
    touch(qts, 0, false);
    g_assert_cmphex(rd(qts, IN) & 0x1c, ==, 0x08);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/gpio/reset-values", test_reset_values);
    qtest_add_func("/microbit/nrf51/gpio/output", test_output);
    qtest_add_func("/microbit/nrf51/gpio/input", test_input);
    qtest_add_func("/microbit/nrf51/gpio/board-pullups", test_board_pullups);

    return g_test_run();
}
