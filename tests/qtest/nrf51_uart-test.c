/*
 * QTest for the nRF51 UART of the micro:bit machine
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

#define UART_BASE       0x40002000
#define UART_IRQ        2

#define STARTRX         0x000
#define STOPRX          0x004
#define STARTTX         0x008
#define STOPTX          0x00c
#define EVENTS_CTS      0x100
#define EVENTS_NCTS     0x104
#define EVENTS_RXDRDY   0x108
#define EVENTS_TXDRDY   0x11c
#define EVENTS_ERROR    0x124
#define EVENTS_RXTO     0x144
#define SHORTS          0x200
#define INTEN           0x300
#define INTENSET        0x304
#define INTENCLR        0x308
#define ERRORSRC        0x480
#define ENABLE          0x500
#define PSELRTS         0x508
#define PSELCTS         0x510
#define PSELRXD         0x514
#define RXD             0x518
#define TXD             0x51c
#define BAUDRATE        0x524
#define CONFIG          0x56c
#define POWER           0xffc

#define INT_RXDRDY      (1u << 2)
#define INT_TXDRDY      (1u << 7)
#define INT_RXTO        (1u << 17)

#define BAUD_115200     0x01d7e000
/* One 10-bit frame at 115200 baud lasts 86.8 us */
#define FRAME_NS_115200 86802

#define CONFIG_HWFC     (1u << 0)
#define SHORT_CTS_STARTRX   (1u << 3)
#define SHORT_NCTS_STOPRX   (1u << 4)

/* Two edge-connector pins nothing else on the board drives */
#define RTS_PIN         18
#define CTS_PIN         16
#define GPIO_OUTSET     0x50000508
#define GPIO_DIRSET     0x50000518
#define SOC             "/machine/nrf51"

#define NVIC_ISPR0      0xe000e200
#define NVIC_ICPR0      0xe000e280

static uint32_t uart_read(QTestState *qts, uint32_t offset)
{
    return qtest_readl(qts, UART_BASE + offset);
}

static void uart_write(QTestState *qts, uint32_t offset, uint32_t value)
{
    qtest_writel(qts, UART_BASE + offset, value);
}

static bool irq_pending(QTestState *qts)
{
    return qtest_readl(qts, NVIC_ISPR0) & (1u << UART_IRQ);
}

static void uart_start(QTestState *qts)
{
    uart_write(qts, BAUDRATE, BAUD_115200);
    uart_write(qts, ENABLE, 4);
    uart_write(qts, STARTTX, 1);
    uart_write(qts, STARTRX, 1);
}

/*
 * Let virtual time pass, one frame at a time, until an event fires.
 * The chardev delivers input from the main loop, which runs between
 * qtest commands, so this is bounded by a count of frames, not by the
 * wall clock.
 */
static bool uart_wait_event(QTestState *qts, uint32_t event, int frames)
{
    while (frames-- > 0) {
        if (uart_read(qts, event)) {
            return true;
        }
        qtest_clock_step(qts, FRAME_NS_115200);
    }
    return uart_read(qts, event);
}

static char uart_getc(QTestState *qts)
{
    g_assert_true(uart_wait_event(qts, EVENTS_RXDRDY, 1000));
    uart_write(qts, EVENTS_RXDRDY, 0);
    return uart_read(qts, RXD);
}

static void test_reset_values(void)
{
    QTestState *qts = qtest_init("-M microbit");

    g_assert_cmphex(uart_read(qts, ENABLE), ==, 0);
    g_assert_cmphex(uart_read(qts, BAUDRATE), ==, 0x04000000);
    g_assert_cmphex(uart_read(qts, PSELRTS), ==, 0xffffffff);
    g_assert_cmphex(uart_read(qts, PSELRXD), ==, 0xffffffff);
    g_assert_cmphex(uart_read(qts, INTEN), ==, 0);
    g_assert_cmphex(uart_read(qts, ERRORSRC), ==, 0);
    g_assert_cmphex(uart_read(qts, CONFIG), ==, 0);
    g_assert_cmphex(uart_read(qts, POWER), ==, 1);
    g_assert_cmphex(uart_read(qts, EVENTS_TXDRDY), ==, 0);

    /* INTEN, INTENSET and INTENCLR are views of one register */
    uart_write(qts, INTENSET, INT_RXDRDY | INT_TXDRDY | 0x80000000);
    g_assert_cmphex(uart_read(qts, INTEN), ==, INT_RXDRDY | INT_TXDRDY);
    uart_write(qts, INTENCLR, INT_RXDRDY);
    g_assert_cmphex(uart_read(qts, INTENSET), ==, INT_TXDRDY);

    /* A system reset brings them back */
    uart_write(qts, BAUDRATE, BAUD_115200);
    qtest_system_reset(qts);
    g_assert_cmphex(uart_read(qts, BAUDRATE), ==, 0x04000000);
    g_assert_cmphex(uart_read(qts, INTEN), ==, 0);

    qtest_quit(qts);
}

static void test_transmit(void)
{
    int sock;
    char c;
    QTestState *qts = qtest_init_with_serial("-M microbit", &sock);

    uart_start(qts);
    uart_write(qts, INTENSET, INT_TXDRDY);
    qtest_writel(qts, NVIC_ICPR0, 1u << UART_IRQ);

    uart_write(qts, TXD, 'Q');
    g_assert_cmpint(recv(sock, &c, 1, 0), ==, 1);
    g_assert_cmpint(c, ==, 'Q');

    /* TXDRDY comes when the frame has left, at the line rate */
    qtest_clock_step(qts, FRAME_NS_115200 - 1000);
    g_assert_cmphex(uart_read(qts, EVENTS_TXDRDY), ==, 0);
    g_assert_false(irq_pending(qts));
    qtest_clock_step(qts, 1000);
    g_assert_cmphex(uart_read(qts, EVENTS_TXDRDY), ==, 1);
    g_assert_true(irq_pending(qts));

    /* Clearing the event drops the interrupt line */
    uart_write(qts, EVENTS_TXDRDY, 0);
    qtest_writel(qts, NVIC_ICPR0, 1u << UART_IRQ);
    g_assert_false(irq_pending(qts));

    /* A second byte written early waits for the first to go */
    uart_write(qts, TXD, 'R');
    uart_write(qts, TXD, 'S');
    qtest_clock_step(qts, FRAME_NS_115200);
    g_assert_cmphex(uart_read(qts, EVENTS_TXDRDY), ==, 1);
    uart_write(qts, EVENTS_TXDRDY, 0);
    qtest_clock_step(qts, FRAME_NS_115200);
    g_assert_cmphex(uart_read(qts, EVENTS_TXDRDY), ==, 1);
    g_assert_cmpint(recv(sock, &c, 1, 0), ==, 1);
    g_assert_cmpint(c, ==, 'R');
    g_assert_cmpint(recv(sock, &c, 1, 0), ==, 1);
    g_assert_cmpint(c, ==, 'S');

    /* After STOPTX nothing is sent */
    uart_write(qts, EVENTS_TXDRDY, 0);
    uart_write(qts, STOPTX, 1);
    uart_write(qts, TXD, 'X');
    qtest_clock_step(qts, 10 * FRAME_NS_115200);
    g_assert_cmphex(uart_read(qts, EVENTS_TXDRDY), ==, 0);

    close(sock);
    qtest_quit(qts);
}

static void test_receive(void)
{
    static const char msg[] = "micro:bit";
    int sock, i;
    QTestState *qts = qtest_init_with_serial("-M microbit", &sock);

    uart_start(qts);
    uart_write(qts, INTENSET, INT_RXDRDY);

    g_assert_cmpint(send(sock, msg, strlen(msg), 0), ==, strlen(msg));
    g_assert_true(uart_wait_event(qts, EVENTS_RXDRDY, 1000));
    g_assert_true(irq_pending(qts));
    for (i = 0; msg[i]; i++) {
        g_assert_cmpint(uart_getc(qts), ==, msg[i]);
    }
    g_assert_cmphex(uart_read(qts, ERRORSRC), ==, 0);

    /* STOPRX raises RXTO */
    uart_write(qts, INTENSET, INT_RXTO);
    uart_write(qts, STOPRX, 1);
    g_assert_cmphex(uart_read(qts, EVENTS_RXTO), ==, 1);

    close(sock);
    qtest_quit(qts);
}

/*
 * Input pasted in bulk while the guest is busy must wait, not overrun:
 * the FIFO fills to six bytes and the backend keeps the rest.
 */
static void test_receive_backpressure(void)
{
    char msg[200];
    int sock, i;
    QTestState *qts = qtest_init_with_serial("-M microbit", &sock);

    for (i = 0; i < sizeof(msg); i++) {
        msg[i] = ' ' + i % 95;
    }
    uart_start(qts);
    g_assert_cmpint(send(sock, msg, sizeof(msg), 0), ==, sizeof(msg));

    /* Far longer than 200 frames, with nobody reading */
    g_assert_true(uart_wait_event(qts, EVENTS_RXDRDY, 1000));
    qtest_clock_step(qts, 1000 * FRAME_NS_115200);
    g_assert_cmphex(uart_read(qts, ERRORSRC), ==, 0);
    g_assert_cmphex(uart_read(qts, EVENTS_ERROR), ==, 0);

    for (i = 0; i < sizeof(msg); i++) {
        g_assert_cmpint(uart_getc(qts), ==, msg[i]);
    }
    g_assert_cmphex(uart_read(qts, ERRORSRC), ==, 0);

    close(sock);
    qtest_quit(qts);
}

static void test_flow_control(void)
{
    static const char msg[] = "0123456789";
    int sock, i;
    char c;
    QTestState *qts = qtest_init_with_serial("-M microbit", &sock);

    qtest_irq_intercept_out(qts, SOC);
    qtest_writel(qts, GPIO_DIRSET, 1u << RTS_PIN);
    uart_write(qts, PSELRTS, RTS_PIN);
    uart_write(qts, PSELCTS, CTS_PIN);
    uart_write(qts, CONFIG, CONFIG_HWFC);
    qtest_set_irq_in(qts, SOC, NULL, CTS_PIN, 1);
    uart_start(qts);

    /* RTS is low: the receiver runs and its FIFO is empty */
    g_assert_false(qtest_get_irq(qts, RTS_PIN));

    /* With CTS high, a byte waits in TXD */
    uart_write(qts, TXD, 'A');
    qtest_clock_step(qts, 10 * FRAME_NS_115200);
    g_assert_cmphex(uart_read(qts, EVENTS_TXDRDY), ==, 0);
    g_assert_cmpint(recv(sock, &c, 1, MSG_DONTWAIT), ==, -1);

    /* CTS going low raises CTS and lets it go */
    qtest_set_irq_in(qts, SOC, NULL, CTS_PIN, 0);
    g_assert_cmphex(uart_read(qts, EVENTS_CTS), ==, 1);
    g_assert_cmpint(recv(sock, &c, 1, 0), ==, 1);
    g_assert_cmpint(c, ==, 'A');
    qtest_clock_step(qts, FRAME_NS_115200);
    g_assert_cmphex(uart_read(qts, EVENTS_TXDRDY), ==, 1);

    /* NCTS, with its short, stops the receiver: RXTO, and RTS goes high */
    uart_write(qts, SHORTS, SHORT_NCTS_STOPRX);
    qtest_set_irq_in(qts, SOC, NULL, CTS_PIN, 1);
    g_assert_cmphex(uart_read(qts, EVENTS_NCTS), ==, 1);
    g_assert_cmphex(uart_read(qts, EVENTS_RXTO), ==, 1);
    g_assert_true(qtest_get_irq(qts, RTS_PIN));

    /* CTS, with its short, starts it again */
    uart_write(qts, SHORTS, SHORT_CTS_STARTRX);
    qtest_set_irq_in(qts, SOC, NULL, CTS_PIN, 0);
    g_assert_false(qtest_get_irq(qts, RTS_PIN));

    /*
     * RTS goes high once two bytes wait (room for only four more) and
     * the far end holds the rest until the guest reads
     */
    g_assert_cmpint(send(sock, msg, strlen(msg), 0), ==, strlen(msg));
    g_assert_true(uart_wait_event(qts, EVENTS_RXDRDY, 1000));
    qtest_clock_step(qts, 20 * FRAME_NS_115200);
    g_assert_true(qtest_get_irq(qts, RTS_PIN));
    for (i = 0; msg[i]; i++) {
        g_assert_cmpint(uart_getc(qts), ==, msg[i]);
    }
    g_assert_cmphex(uart_read(qts, ERRORSRC), ==, 0);
    g_assert_false(qtest_get_irq(qts, RTS_PIN));

    /*
     * RTS looped back onto CTS, with both shorts: each follows the
     * other to a standstill, whatever the receiver does
     */
    uart_write(qts, PSELCTS, RTS_PIN);
    uart_write(qts, SHORTS, SHORT_CTS_STARTRX | SHORT_NCTS_STOPRX);
    uart_write(qts, STOPRX, 1);
    g_assert_true(qtest_get_irq(qts, RTS_PIN));
    uart_write(qts, STARTRX, 1);
    g_assert_false(qtest_get_irq(qts, RTS_PIN));
    qtest_clock_step(qts, 10 * FRAME_NS_115200);
    uart_write(qts, PSELCTS, CTS_PIN);
    uart_write(qts, SHORTS, 0);

    /* Without HWFC the pin is GPIO's again */
    uart_write(qts, CONFIG, 0);
    qtest_writel(qts, GPIO_OUTSET, 1u << RTS_PIN);
    g_assert_true(qtest_get_irq(qts, RTS_PIN));

    close(sock);
    qtest_quit(qts);
}

static void test_disabled(void)
{
    int sock;
    char c = 'z';
    QTestState *qts = qtest_init_with_serial("-M microbit", &sock);

    /* Tasks and TXD do nothing while ENABLE is not 4 */
    uart_write(qts, STARTTX, 1);
    uart_write(qts, STARTRX, 1);
    uart_write(qts, TXD, 'A');
    g_assert_cmpint(send(sock, &c, 1, 0), ==, 1);
    qtest_clock_step(qts, 100 * FRAME_NS_115200);
    g_assert_cmphex(uart_read(qts, EVENTS_TXDRDY), ==, 0);
    g_assert_cmphex(uart_read(qts, EVENTS_RXDRDY), ==, 0);

    /* Once enabled and started, the waiting byte arrives */
    uart_start(qts);
    g_assert_cmpint(uart_getc(qts), ==, 'z');

    close(sock);
    qtest_quit(qts);
}

static void test_bad_access(void)
{
    QTestState *qts = qtest_init("-M microbit");

    /* Undefined offsets read as zero and ignore writes */
    g_assert_cmphex(uart_read(qts, 0x600), ==, 0);
    uart_write(qts, 0x600, 0xffffffff);
    uart_write(qts, RXD, 0x55);
    /* A tiny BAUDRATE must not stall or crash the model */
    uart_write(qts, BAUDRATE, 0);
    uart_write(qts, ENABLE, 4);
    uart_write(qts, STARTTX, 1);
    uart_write(qts, TXD, 'x');
    qtest_clock_step(qts, 1000000);
    g_assert_cmphex(uart_read(qts, ENABLE), ==, 4);

    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/uart/reset-values", test_reset_values);
    qtest_add_func("/microbit/nrf51/uart/transmit", test_transmit);
    qtest_add_func("/microbit/nrf51/uart/receive", test_receive);
    qtest_add_func("/microbit/nrf51/uart/receive-backpressure",
                   test_receive_backpressure);
    qtest_add_func("/microbit/nrf51/uart/flow-control", test_flow_control);
    qtest_add_func("/microbit/nrf51/uart/disabled", test_disabled);
    qtest_add_func("/microbit/nrf51/uart/bad-access", test_bad_access);

    return g_test_run();
}
