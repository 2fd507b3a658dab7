/*
 * nRF51 UART
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 29 (UART).
 *
 * The UART moves one frame at a time at the rate BAUDRATE selects:
 *
 *  - Transmit: a byte written to TXD goes to the character backend at
 *    once and TXDRDY follows one frame time later.  If the backend
 *    cannot take the byte, TXDRDY waits until it can, so output is
 *    never dropped and the guest sees back-pressure as a slow line.
 *    A byte written while a frame is still on the wire waits in TXD.
 *
 *  - Receive: the receiver FIFO holds six bytes, RXD being the head.
 *    RXDRDY is raised whenever a byte moves into RXD, and reading RXD
 *    moves the next one up.  The model accepts a byte from the backend
 *    only when the line is idle and the FIFO has room, one frame time
 *    apart, so input pasted in bulk reaches the guest at line rate and
 *    is never overrun; the backend holds the rest.  A break from the
 *    backend sets ERRORSRC.BREAK and raises ERROR.
 *
 *  - Flow control: with CONFIG.HWFC set, a frame starts only while the
 *    CTS pin (PSELCTS) is low, one on the wire finishing regardless.
 *    The RTS pin (PSELRTS, when GPIO makes it an output) is low while
 *    the receiver runs and the FIFO has room for more than four bytes,
 *    and the backend, as the far end of the line, sends only then.
 *    CTS and NCTS are raised when the CTS pin changes, with their
 *    shorts to STARTRX and STOPRX.  An unconnected CTS counts as low.
 *    The UART sees the pins on the GPIO block's "level" lines and
 *    drives RTS through the block's "periph-pin" lines.
 *
 *  - The frame time follows the "clk" input (HFCLK, 16 MHz).  While
 *    that clock is stopped no frame starts and none is received.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/host-utils.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qemu/timer.h"
#include "hw/char/nrf51_uart.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_STARTRX, 0x000)
REG32(TASKS_STOPRX, 0x004)
REG32(TASKS_STARTTX, 0x008)
REG32(TASKS_STOPTX, 0x00c)
REG32(TASKS_SUSPEND, 0x01c)
REG32(EVENTS_CTS, 0x100)
REG32(EVENTS_NCTS, 0x104)
REG32(EVENTS_RXDRDY, 0x108)
REG32(EVENTS_TXDRDY, 0x11c)
REG32(EVENTS_ERROR, 0x124)
REG32(EVENTS_RXTO, 0x144)
REG32(SHORTS, 0x200)
    FIELD(SHORTS, CTS_STARTRX, 3, 1)
    FIELD(SHORTS, NCTS_STOPRX, 4, 1)
REG32(ERRORSRC, 0x480)
    FIELD(ERRORSRC, OVERRUN, 0, 1)
    FIELD(ERRORSRC, PARITY, 1, 1)
    FIELD(ERRORSRC, FRAMING, 2, 1)
    FIELD(ERRORSRC, BREAK, 3, 1)
REG32(ENABLE, 0x500)
REG32(PSELRTS, 0x508)
REG32(PSELTXD, 0x50c)
REG32(PSELCTS, 0x510)
REG32(PSELRXD, 0x514)
REG32(RXD, 0x518)
REG32(TXD, 0x51c)
REG32(BAUDRATE, 0x524)
REG32(CONFIG, 0x56c)
    FIELD(CONFIG, HWFC, 0, 1)
    FIELD(CONFIG, PARITY, 1, 3)

/* Event n is the register at 0x100 + 4 * n and bit n of INTEN */
#define EVENT_BIT(reg)          (1u << NRF_EVENT(A_ ## reg))
#define TASK_BIT(reg)           (1u << NRF_TASK(A_ ## reg))
#define UART_EVENTS_MASK        (EVENT_BIT(EVENTS_CTS) | \
                                 EVENT_BIT(EVENTS_NCTS) | \
                                 EVENT_BIT(EVENTS_RXDRDY) | \
                                 EVENT_BIT(EVENTS_TXDRDY) | \
                                 EVENT_BIT(EVENTS_ERROR) | \
                                 EVENT_BIT(EVENTS_RXTO))

#define UART_ENABLE_ENABLED     4
#define UART_BAUDRATE_RESET     0x04000000      /* 250 kbaud */
#define UART_ERRORSRC_MASK      0xf
#define UART_SHORTS_MASK        (R_SHORTS_CTS_STARTRX_MASK | \
                                 R_SHORTS_NCTS_STOPRX_MASK)
#define UART_CONFIG_MASK        (R_CONFIG_HWFC_MASK | R_CONFIG_PARITY_MASK)

static bool nrf51_uart_enabled(NRF51UARTState *s)
{
    return s->enable == UART_ENABLE_ENABLED;
}

static void nrf51_uart_event(NRF51UARTState *s, uint32_t bit)
{
    nrf_peripheral_event(&s->parent_obj, ctz32(bit));
}

static uint64_t nrf51_uart_clock_hz(NRF51UARTState *s)
{
    return nrf_peripheral_clock_hz(&s->parent_obj);
}

static bool nrf51_uart_hwfc(NRF51UARTState *s)
{
    return FIELD_EX32(s->config, CONFIG, HWFC);
}

/* The pin PSEL* selects, or -1 if it is disconnected */
static int nrf51_uart_pin(NRF51UARTState *s, hwaddr psel)
{
    uint32_t pin = s->psel[(psel - A_PSELRTS) / 4];

    return pin < NRF51_UART_PINS ? pin : -1;
}

/* RTS is active (low) while the FIFO can take more than four bytes */
static bool nrf51_uart_rts(NRF51UARTState *s)
{
    return nrf51_uart_enabled(s) && s->rx_started &&
           s->rx_count < NRF51_UART_RX_FIFO_SIZE - 4;
}

/* The pin the UART drives (RTS), or -1, and the level it drives there */
static int nrf51_uart_rts_pin(NRF51UARTState *s, bool *level)
{
    int pin = nrf51_uart_pin(s, A_PSELRTS);

    *level = !nrf51_uart_rts(s);
    if (!nrf51_uart_enabled(s) || !nrf51_uart_hwfc(s)) {
        return -1;
    }
    return pin;
}

static void nrf51_uart_update_rts(NRF51UARTState *s)
{
    bool level;
    int pin = nrf51_uart_rts_pin(s, &level);

    if (pin == s->rts_pin && (pin < 0 || level == s->rts_level)) {
        return;
    }
    if (s->rts_pin >= 0 && s->rts_pin != pin) {
        qemu_set_irq(s->pin_out[s->rts_pin], NRF51_GPIO_FLOAT);
    }
    s->rts_pin = pin;
    s->rts_level = level;
    if (pin >= 0) {
        qemu_set_irq(s->pin_out[pin], level);
    }
}

/*
 * The time one frame occupies the line, or -1 while the clock is
 * stopped.  BAUDRATE holds the rate as a fraction of the clock scaled
 * by 2^32, so one bit lasts 2^32 / (clk * BAUDRATE) seconds; at 16 MHz
 * that is 125 * 2^31 / BAUDRATE ns.
 */
static int64_t nrf51_uart_frame_ns(NRF51UARTState *s)
{
    /* start bit, eight data bits, optional parity bit, stop bit */
    uint64_t bits = FIELD_EX32(s->config, CONFIG, PARITY) ? 11 : 10;
    /* below about 1 baud, clamp rather than divide by zero */
    uint32_t rate = MAX(s->baudrate, 0x1000);
    uint64_t hz = nrf51_uart_clock_hz(s);

    if (!hz) {
        return -1;
    }
    return muldiv64(bits * 2 * NANOSECONDS_PER_SECOND, 1u << 31, hz) / rate;
}

static void nrf51_uart_tx_start_frame(NRF51UARTState *s, uint8_t byte);
static void nrf51_uart_do_task(NRF51UARTState *s, hwaddr offset);

/*
 * Start the byte waiting in TXD if the line is free, CTS allows and
 * the clock runs
 */
static void nrf51_uart_tx_kick(NRF51UARTState *s)
{
    if (s->tx_busy || !s->tx_pending || !nrf51_uart_clock_hz(s) ||
        (nrf51_uart_hwfc(s) && !s->cts)) {
        return;
    }
    s->tx_pending = false;
    nrf51_uart_tx_start_frame(s, s->tx_next);
}

static void nrf51_uart_tx_done(NRF51UARTState *s)
{
    s->tx_busy = false;
    nrf51_uart_event(s, EVENT_BIT(EVENTS_TXDRDY));
    nrf51_uart_tx_kick(s);
}

static gboolean nrf51_uart_tx_retry(void *do_not_use, GIOCondition cond,
                                    void *opaque);

/* Hand the byte on the wire to the backend, or wait until it can */
static void nrf51_uart_tx_push(NRF51UARTState *s)
{
    if (!s->tx_unsent) {
        return;
    }
    if (!qemu_chr_fe_backend_connected(&s->chr) ||
        qemu_chr_fe_write(&s->chr, &s->tx_byte, 1) == 1) {
        s->tx_unsent = false;
        trace_nrf51_uart_tx(s->tx_byte);
        return;
    }
    if (!s->watch_tag) {
        s->watch_tag = qemu_chr_fe_add_watch(&s->chr, G_IO_OUT | G_IO_HUP,
                                             nrf51_uart_tx_retry, s);
        if (!s->watch_tag) {
            /* The backend cannot say when it is ready: drop the byte */
            s->tx_unsent = false;
        }
    }
}

static gboolean nrf51_uart_tx_retry(void *do_not_use, GIOCondition cond,
                                    void *opaque)
{
    NRF51UARTState *s = opaque;

    s->watch_tag = 0;
    nrf51_uart_tx_push(s);
    if (!s->tx_unsent && s->tx_busy && !timer_pending(s->tx_timer)) {
        nrf51_uart_tx_done(s);
    }
    return G_SOURCE_REMOVE;
}

static void nrf51_uart_tx_start_frame(NRF51UARTState *s, uint8_t byte)
{
    s->tx_busy = true;
    s->tx_byte = byte;
    s->tx_unsent = true;
    nrf51_uart_tx_push(s);
    timer_mod(s->tx_timer,
              qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + nrf51_uart_frame_ns(s));
}

static void nrf51_uart_tx_timer_cb(void *opaque)
{
    NRF51UARTState *s = opaque;

    /* A byte the backend has not taken yet ends its frame in tx_retry */
    if (s->tx_busy && !s->tx_unsent) {
        nrf51_uart_tx_done(s);
    }
}

static void nrf51_uart_tx_stop(NRF51UARTState *s)
{
    s->tx_started = false;
    s->tx_busy = false;
    s->tx_pending = false;
    s->tx_unsent = false;
    timer_del(s->tx_timer);
    if (s->watch_tag) {
        g_source_remove(s->watch_tag);
        s->watch_tag = 0;
    }
}

static int nrf51_uart_can_receive(void *opaque)
{
    NRF51UARTState *s = opaque;

    if (!nrf51_uart_enabled(s) || !s->rx_started || s->rx_busy ||
        !nrf51_uart_clock_hz(s)) {
        return 0;
    }
    if (nrf51_uart_hwfc(s) && nrf51_uart_pin(s, A_PSELRTS) >= 0) {
        /* The far end waits while RTS is high */
        return nrf51_uart_rts(s) ? 1 : 0;
    }
    return s->rx_count < NRF51_UART_RX_FIFO_SIZE ? 1 : 0;
}

/* The line is busy for a frame; while the clock is stopped it stays so */
static void nrf51_uart_rx_arm(NRF51UARTState *s)
{
    int64_t frame = nrf51_uart_frame_ns(s);

    if (frame >= 0) {
        timer_mod(s->rx_timer,
                  qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + frame);
    }
}

static void nrf51_uart_receive(void *opaque, const uint8_t *buf, int size)
{
    NRF51UARTState *s = opaque;
    int i;

    for (i = 0; i < size; i++) {
        if (s->rx_count == NRF51_UART_RX_FIFO_SIZE) {
            /* Only reachable if a backend ignores can_receive */
            s->errorsrc |= R_ERRORSRC_OVERRUN_MASK;
            nrf51_uart_event(s, EVENT_BIT(EVENTS_ERROR));
            break;
        }
        s->rx_fifo[(s->rx_head + s->rx_count) % NRF51_UART_RX_FIFO_SIZE] =
            buf[i];
        s->rx_count++;
        trace_nrf51_uart_rx(buf[i], s->rx_count);
        if (s->rx_count == 1) {
            nrf51_uart_event(s, EVENT_BIT(EVENTS_RXDRDY));
        }
    }
    s->rx_busy = true;
    nrf51_uart_rx_arm(s);
    nrf51_uart_update_rts(s);
}

static void nrf51_uart_rx_timer_cb(void *opaque)
{
    NRF51UARTState *s = opaque;

    s->rx_busy = false;
    qemu_chr_fe_accept_input(&s->chr);
}

static void nrf51_uart_chr_event(void *opaque, QEMUChrEvent event)
{
    NRF51UARTState *s = opaque;

    if (event == CHR_EVENT_BREAK && nrf51_uart_enabled(s) && s->rx_started) {
        s->errorsrc |= R_ERRORSRC_BREAK_MASK;
        nrf51_uart_event(s, EVENT_BIT(EVENTS_ERROR));
    }
}

static uint32_t nrf51_uart_read_rxd(NRF51UARTState *s)
{
    uint32_t r;

    if (s->rx_count == 0) {
        /* RXD keeps showing the last byte read */
        return s->rx_fifo[(s->rx_head + NRF51_UART_RX_FIFO_SIZE - 1) %
                          NRF51_UART_RX_FIFO_SIZE];
    }
    r = s->rx_fifo[s->rx_head];
    s->rx_head = (s->rx_head + 1) % NRF51_UART_RX_FIFO_SIZE;
    s->rx_count--;
    if (s->rx_count > 0) {
        nrf51_uart_event(s, EVENT_BIT(EVENTS_RXDRDY));
    }
    nrf51_uart_update_rts(s);
    qemu_chr_fe_accept_input(&s->chr);
    return r;
}

static uint64_t nrf51_uart_read(NRFPeripheralState *p, hwaddr offset,
                                unsigned size)
{
    NRF51UARTState *s = container_of(p, NRF51UARTState, parent_obj);
    uint64_t r;

    switch (offset) {
    case A_ERRORSRC:
        r = s->errorsrc;
        break;
    case A_ENABLE:
        r = s->enable;
        break;
    case A_PSELRTS ... A_PSELRXD:
        r = s->psel[(offset - A_PSELRTS) / 4];
        break;
    case A_RXD:
        r = nrf51_uart_read_rxd(s);
        break;
    case A_BAUDRATE:
        r = s->baudrate;
        break;
    case A_CONFIG:
        r = s->config;
        break;
    case A_TXD:
        r = 0;  /* write-only */
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        r = 0;
        break;
    }

    trace_nrf51_uart_read(offset, r);
    return r;
}

static void nrf51_uart_task(NRF51UARTState *s, hwaddr offset)
{
    nrf51_uart_do_task(s, offset);
    nrf51_uart_update_rts(s);
}

static bool nrf51_uart_cts_low(NRF51UARTState *s)
{
    int pin = nrf51_uart_pin(s, A_PSELCTS);

    return pin < 0 || !extract32(s->pin_level, pin, 1);
}

/*
 * Follow the CTS pin: raise CTS or NCTS when it changes, and start a
 * byte that waited for it
 */
static void nrf51_uart_update_cts(NRF51UARTState *s)
{
    int pin = nrf51_uart_pin(s, A_PSELCTS);
    bool cts = nrf51_uart_cts_low(s);

    if (cts == s->cts) {
        return;
    }
    s->cts = cts;
    if (nrf51_uart_enabled(s) && pin >= 0) {
        trace_nrf51_uart_cts(cts);
        if (cts) {
            nrf51_uart_event(s, EVENT_BIT(EVENTS_CTS));
            if (s->parent_obj.shorts & R_SHORTS_CTS_STARTRX_MASK) {
                nrf51_uart_task(s, A_TASKS_STARTRX);
            }
        } else {
            nrf51_uart_event(s, EVENT_BIT(EVENTS_NCTS));
            if (s->parent_obj.shorts & R_SHORTS_NCTS_STOPRX_MASK) {
                nrf51_uart_task(s, A_TASKS_STOPRX);
            }
        }
    }
    nrf51_uart_tx_kick(s);
}

/* The "pin-level" line of pin @pin, from the GPIO block */
static void nrf51_uart_pin_level(void *opaque, int pin, int level)
{
    NRF51UARTState *s = opaque;

    s->pin_level = deposit32(s->pin_level, pin, 1, level > 0);
    if (pin == nrf51_uart_pin(s, A_PSELCTS)) {
        nrf51_uart_update_cts(s);
    }
}

static void nrf51_uart_do_task(NRF51UARTState *s, hwaddr offset)
{
    if (!nrf51_uart_enabled(s)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: task 0x%" HWADDR_PRIx " while disabled\n",
                      __func__, offset);
        return;
    }

    switch (offset) {
    case A_TASKS_STARTRX:
        s->rx_started = true;
        qemu_chr_fe_accept_input(&s->chr);
        break;
    case A_TASKS_STOPRX:
        s->rx_started = false;
        nrf51_uart_event(s, EVENT_BIT(EVENTS_RXTO));
        break;
    case A_TASKS_STARTTX:
        s->tx_started = true;
        break;
    case A_TASKS_STOPTX:
        nrf51_uart_tx_stop(s);
        break;
    case A_TASKS_SUSPEND:
        nrf51_uart_tx_stop(s);
        s->rx_started = false;
        break;
    }
}

static void nrf51_uart_write_txd(NRF51UARTState *s, uint8_t byte)
{
    if (!nrf51_uart_enabled(s) || !s->tx_started) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: TXD written while the transmitter is stopped\n",
                      __func__);
        return;
    }
    if (s->tx_pending) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: TXD overwritten before TXDRDY\n", __func__);
    }
    s->tx_next = byte;
    s->tx_pending = true;
    nrf51_uart_tx_kick(s);
}

static void nrf51_uart_task_in(NRFPeripheralState *p, unsigned n)
{
    nrf51_uart_task(container_of(p, NRF51UARTState, parent_obj),
                    A_TASKS_STARTRX + 4 * n);
}

static void nrf51_uart_write(NRFPeripheralState *p, hwaddr offset,
                             uint64_t value, unsigned size)
{
    NRF51UARTState *s = container_of(p, NRF51UARTState, parent_obj);

    trace_nrf51_uart_write(offset, value);

    switch (offset) {
    case A_ERRORSRC:
        s->errorsrc &= ~value;
        break;
    case A_ENABLE:
        s->enable = value & 0x7;
        if (!nrf51_uart_enabled(s)) {
            nrf51_uart_tx_stop(s);
            s->rx_started = false;
        }
        nrf51_uart_update_rts(s);
        break;
    case A_PSELRTS ... A_PSELRXD:
        s->psel[(offset - A_PSELRTS) / 4] = value;
        nrf51_uart_update_rts(s);
        /* Switching pins is not a change of level on the line */
        s->cts = nrf51_uart_cts_low(s);
        nrf51_uart_tx_kick(s);
        break;
    case A_TXD:
        nrf51_uart_write_txd(s, value);
        break;
    case A_BAUDRATE:
        s->baudrate = value;
        break;
    case A_CONFIG:
        s->config = value & UART_CONFIG_MASK;
        nrf51_uart_update_rts(s);
        nrf51_uart_tx_kick(s);
        qemu_chr_fe_accept_input(&s->chr);
        break;
    case A_RXD:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: RXD is read-only\n", __func__);
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

/* HFCLK started, stopped or changed: the line follows */
static void nrf51_uart_clock_changed(NRFPeripheralState *p)
{
    NRF51UARTState *s = container_of(p, NRF51UARTState, parent_obj);

    if (!nrf51_uart_clock_hz(s)) {
        return;
    }
    if (s->rx_busy && !timer_pending(s->rx_timer)) {
        /* A frame received while the clock was stopped ends now */
        nrf51_uart_rx_arm(s);
    }
    nrf51_uart_tx_kick(s);
    qemu_chr_fe_accept_input(&s->chr);
}

static void nrf51_uart_reset(NRFPeripheralState *p)
{
    NRF51UARTState *s = container_of(p, NRF51UARTState, parent_obj);

    nrf51_uart_tx_stop(s);
    timer_del(s->rx_timer);
    s->rx_busy = false;
    s->rx_started = false;
    s->rx_head = 0;
    s->rx_count = 0;
    memset(s->rx_fifo, 0, sizeof(s->rx_fifo));
    s->tx_byte = 0;
    s->tx_next = 0;
    s->errorsrc = 0;
    s->enable = 0;
    memset(s->psel, 0xff, sizeof(s->psel));
    s->baudrate = UART_BAUDRATE_RESET;
    s->config = 0;
    /* The pin levels follow the "pin-level" lines, not the reset */
}

static void nrf51_uart_reset_hold(NRFPeripheralState *p)
{
    NRF51UARTState *s = container_of(p, NRF51UARTState, parent_obj);
    unsigned pin;

    /* PSELCTS is disconnected: clear to send */
    s->cts = true;
    /* PSELRTS is disconnected: let go of every pin */
    for (pin = 0; pin < NRF51_UART_PINS; pin++) {
        qemu_set_irq(s->pin_out[pin], NRF51_GPIO_FLOAT);
    }
    s->rts_pin = -1;
    s->rts_level = false;
}

static void nrf51_uart_realize(DeviceState *dev, Error **errp)
{
    NRF51UARTState *s = NRF51_UART(dev);

    s->tx_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_uart_tx_timer_cb, s);
    s->rx_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_uart_rx_timer_cb, s);
    qemu_chr_fe_set_handlers(&s->chr, nrf51_uart_can_receive,
                             nrf51_uart_receive, nrf51_uart_chr_event,
                             NULL, s, NULL, true);
}

static void nrf51_uart_unrealize(DeviceState *dev)
{
    NRF51UARTState *s = NRF51_UART(dev);

    nrf51_uart_tx_stop(s);
    timer_free(s->tx_timer);
    timer_free(s->rx_timer);
    qemu_chr_fe_deinit(&s->chr, false);
}

static void nrf51_uart_init(Object *obj)
{
    NRF51UARTState *s = NRF51_UART(obj);
    DeviceState *dev = DEVICE(obj);

    qdev_init_gpio_in_named(dev, nrf51_uart_pin_level, NRF51_UART_PIN_LEVEL,
                            NRF51_UART_PINS);
    qdev_init_gpio_out_named(dev, s->pin_out, NRF51_UART_PIN,
                             NRF51_UART_PINS);
    s->rts_pin = -1;
}

static int nrf51_uart_post_load(void *opaque, int version_id)
{
    NRF51UARTState *s = opaque;

    if (s->rx_head >= NRF51_UART_RX_FIFO_SIZE ||
        s->rx_count > NRF51_UART_RX_FIFO_SIZE) {
        return -EINVAL;
    }
    /* What the "pin" lines drive, which the GPIO block has migrated */
    s->rts_pin = nrf51_uart_rts_pin(s, &s->rts_level);
    /* Resume a byte the backend had not taken when state was saved */
    nrf51_uart_tx_push(s);
    return 0;
}

static const VMStateDescription vmstate_nrf51_uart = {
    .name = TYPE_NRF51_UART,
    .version_id = 2,
    .minimum_version_id = 2,
    .post_load = nrf51_uart_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51UARTState),
        VMSTATE_UINT32(errorsrc, NRF51UARTState),
        VMSTATE_UINT32(enable, NRF51UARTState),
        VMSTATE_UINT32_ARRAY(psel, NRF51UARTState, 4),
        VMSTATE_UINT32(baudrate, NRF51UARTState),
        VMSTATE_UINT32(config, NRF51UARTState),
        VMSTATE_BOOL(rx_started, NRF51UARTState),
        VMSTATE_BOOL(tx_started, NRF51UARTState),
        VMSTATE_BOOL(tx_busy, NRF51UARTState),
        VMSTATE_BOOL(tx_pending, NRF51UARTState),
        VMSTATE_BOOL(tx_unsent, NRF51UARTState),
        VMSTATE_BOOL(rx_busy, NRF51UARTState),
        VMSTATE_UINT8(tx_byte, NRF51UARTState),
        VMSTATE_UINT8(tx_next, NRF51UARTState),
        VMSTATE_UINT8_ARRAY(rx_fifo, NRF51UARTState,
                            NRF51_UART_RX_FIFO_SIZE),
        VMSTATE_UINT32(rx_head, NRF51UARTState),
        VMSTATE_UINT32(rx_count, NRF51UARTState),
        VMSTATE_TIMER_PTR(tx_timer, NRF51UARTState),
        VMSTATE_TIMER_PTR(rx_timer, NRF51UARTState),
        VMSTATE_BOOL(cts, NRF51UARTState),
        VMSTATE_UINT32(pin_level, NRF51UARTState),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_uart_properties[] = {
    DEFINE_PROP_CHR("chardev", NRF51UARTState, chr),
};

static void nrf51_uart_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_UART;
    pc->tasks = TASK_BIT(TASKS_STARTRX) | TASK_BIT(TASKS_STOPRX) |
                TASK_BIT(TASKS_STARTTX) | TASK_BIT(TASKS_STOPTX) |
                TASK_BIT(TASKS_SUSPEND);
    pc->events = UART_EVENTS_MASK;
    pc->shorts = UART_SHORTS_MASK;
    pc->has_power = true;
    pc->task = nrf51_uart_task_in;
    pc->read = nrf51_uart_read;
    pc->write = nrf51_uart_write;
    pc->clock_changed = nrf51_uart_clock_changed;
    pc->reset = nrf51_uart_reset;
    pc->reset_hold = nrf51_uart_reset_hold;
    dc->realize = nrf51_uart_realize;
    dc->unrealize = nrf51_uart_unrealize;
    dc->desc = "nRF51 UART";
    dc->vmsd = &vmstate_nrf51_uart;
    device_class_set_props(dc, nrf51_uart_properties);
}

static const TypeInfo nrf51_uart_types[] = {
    {
        .name = TYPE_NRF51_UART,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51UARTState),
        .instance_init = nrf51_uart_init,
        .class_init = nrf51_uart_class_init,
    },
};

DEFINE_TYPES(nrf51_uart_types)
