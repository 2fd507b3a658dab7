/*
 * nRF51 two-wire interface master (TWI)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 28 (TWI).
 *
 * An I2C master on a QEMU I2C bus ("i2c"), so that the board's
 * sensors are ordinary I2C devices.  STARTTX and STARTRX send a
 * (repeated) start and ADDRESS; an address nobody acknowledges raises
 * ERROR with ERRORSRC.ANACK.  When transmitting, each byte written to
 * TXD (one written before STARTTX included) is sent and raises TXDSENT,
 * or ERROR with ERRORSRC.DNACK if the slave refuses it.  When receiving,
 * each byte raises RXDREADY, and the next one is clocked in once RXD
 * has been read.  BB is raised at every byte boundary; SHORTS.BB_SUSPEND
 * and SHORTS.BB_STOP suspend or stop the transfer there, which is how
 * firmware reads a given number of bytes.  STOP ends the transfer after
 * the byte under way and raises STOPPED.  SUSPEND/RESUME hold the bus.
 *
 * The bus transaction itself happens at once; the events follow after
 * the time the byte takes at FREQUENCY (nine clocks per byte), which
 * scales the "clk" input (HFCLK, 16 MHz).  While that clock is stopped
 * a byte under way does not end until it runs again.
 *
 * TWI0 and TWI1 share their peripheral IDs with SPI0 and SPI1 (see
 * hw/misc/nrf51_serial_slot.c); tasks do nothing unless ENABLE is 5.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/host-utils.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hw/i2c/nrf51_twi.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_STARTRX, 0x000)
REG32(TASKS_STARTTX, 0x008)
REG32(TASKS_STOP, 0x014)
REG32(TASKS_SUSPEND, 0x01c)
REG32(TASKS_RESUME, 0x020)
REG32(EVENTS_STOPPED, 0x104)
REG32(EVENTS_RXDREADY, 0x108)
REG32(EVENTS_TXDSENT, 0x11c)
REG32(EVENTS_ERROR, 0x124)
REG32(EVENTS_BB, 0x138)
REG32(EVENTS_SUSPENDED, 0x148)
REG32(SHORTS, 0x200)
    FIELD(SHORTS, BB_SUSPEND, 0, 1)
    FIELD(SHORTS, BB_STOP, 1, 1)
REG32(ERRORSRC, 0x4c4)
    FIELD(ERRORSRC, OVERRUN, 0, 1)
    FIELD(ERRORSRC, ANACK, 1, 1)
    FIELD(ERRORSRC, DNACK, 2, 1)
REG32(ENABLE, 0x500)
REG32(PSELSCL, 0x508)
REG32(PSELSDA, 0x50c)
REG32(RXD, 0x518)
REG32(TXD, 0x51c)
REG32(FREQUENCY, 0x524)
REG32(ADDRESS, 0x588)

#define EV(reg)         NRF_EVENT(A_ ## reg)
#define TASK(reg)       NRF_TASK(A_ ## reg)
#define TWI_EVENTS      ((1u << EV(EVENTS_STOPPED)) | \
                         (1u << EV(EVENTS_RXDREADY)) | \
                         (1u << EV(EVENTS_TXDSENT)) | \
                         (1u << EV(EVENTS_ERROR)) | \
                         (1u << EV(EVENTS_BB)) | \
                         (1u << EV(EVENTS_SUSPENDED)))

#define TWI_ENABLE_TWI  5
#define TWI_FREQ_K100   0x01980000

enum {
    PHASE_IDLE,
    PHASE_TX,
    PHASE_RX,
};

/* How the byte now on the wire ends */
enum {
    END_NONE,
    END_ANACK,          /* the address was not acknowledged */
    END_SENT,           /* a byte was sent and acknowledged */
    END_DNACK,          /* a byte was sent and refused */
    END_RECEIVED,       /* a byte was received */
};

static bool nrf51_twi_enabled(NRF51TWIState *s)
{
    return s->enable == TWI_ENABLE_TWI;
}

/*
 * Nine SCL periods; FREQUENCY scales the clock by 2^32 as in the UART
 * (at 16 MHz, 9 * 125 * 2^31 / FREQUENCY ns).  -1: the clock is stopped.
 */
static int64_t nrf51_twi_byte_ns(NRF51TWIState *s)
{
    uint32_t rate = MAX(s->frequency, 0x1000);
    uint64_t hz = nrf_peripheral_clock_hz(&s->parent_obj);

    if (!hz) {
        return -1;
    }
    return muldiv64(9 * 2 * NANOSECONDS_PER_SECOND, 1u << 31, hz) / rate;
}

/* Time the byte on the wire, unless the clock is stopped */
static void nrf51_twi_arm(NRF51TWIState *s)
{
    int64_t ns = nrf51_twi_byte_ns(s);

    if (ns >= 0) {
        timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + ns);
    }
}

static void nrf51_twi_begin_byte(NRF51TWIState *s, unsigned end)
{
    s->pending = end;
    nrf51_twi_arm(s);
}

static void nrf51_twi_stop(NRF51TWIState *s)
{
    if (s->phase != PHASE_IDLE) {
        if (s->phase == PHASE_RX) {
            i2c_nack(s->bus);
        }
        i2c_end_transfer(s->bus);
    }
    trace_nrf51_twi_stop();
    s->phase = PHASE_IDLE;
    /*
     * A byte left in TXD when the transfer ends (one written after an
     * address NACK, say) is not sent by the next transfer: firmware
     * writes TXD again once that one has started.
     */
    s->txd_valid = false;
    s->suspended = false;
    s->stop_requested = false;
    s->rx_wait = false;
    nrf_peripheral_event(&s->parent_obj, EV(EVENTS_STOPPED));
}

static void nrf51_twi_send(NRF51TWIState *s)
{
    int nack;

    s->txd_valid = false;
    nack = i2c_send(s->bus, s->txd);
    trace_nrf51_twi_send(s->txd, nack);
    nrf51_twi_begin_byte(s, nack ? END_DNACK : END_SENT);
}

static void nrf51_twi_recv(NRF51TWIState *s)
{
    s->rx_wait = false;
    s->rxd = i2c_recv(s->bus);
    trace_nrf51_twi_recv(s->rxd);
    nrf51_twi_begin_byte(s, END_RECEIVED);
}

static void nrf51_twi_start(NRF51TWIState *s, bool recv)
{
    uint8_t addr = s->address & 0x7f;

    s->suspended = false;
    s->stop_requested = false;
    s->rx_wait = false;
    if (i2c_start_transfer(s->bus, addr, recv)) {
        trace_nrf51_twi_start(addr, recv, false);
        s->phase = PHASE_IDLE;
        nrf51_twi_begin_byte(s, END_ANACK);
        return;
    }
    trace_nrf51_twi_start(addr, recv, true);
    s->phase = recv ? PHASE_RX : PHASE_TX;
    if (recv) {
        nrf51_twi_recv(s);
    } else if (s->txd_valid) {
        nrf51_twi_send(s);
    }
}

/* At a byte boundary, the shorts may suspend or stop the transfer */
static bool nrf51_twi_byte_boundary(NRF51TWIState *s)
{
    nrf_peripheral_event(&s->parent_obj, EV(EVENTS_BB));
    if (FIELD_EX32(s->parent_obj.shorts, SHORTS, BB_STOP) ||
        s->stop_requested) {
        nrf51_twi_stop(s);
        return false;
    }
    if (FIELD_EX32(s->parent_obj.shorts, SHORTS, BB_SUSPEND)) {
        s->suspended = true;
        nrf_peripheral_event(&s->parent_obj, EV(EVENTS_SUSPENDED));
        return false;
    }
    return true;
}

static void nrf51_twi_timer_cb(void *opaque)
{
    NRF51TWIState *s = opaque;
    unsigned end = s->pending;

    s->pending = END_NONE;
    switch (end) {
    case END_ANACK:
        /* Nobody took the address: a byte waiting in TXD goes nowhere */
        s->txd_valid = false;
        s->errorsrc |= R_ERRORSRC_ANACK_MASK;
        nrf_peripheral_event(&s->parent_obj, EV(EVENTS_ERROR));
        if (s->stop_requested) {
            nrf51_twi_stop(s);
        }
        break;
    case END_DNACK:
        s->errorsrc |= R_ERRORSRC_DNACK_MASK;
        nrf_peripheral_event(&s->parent_obj, EV(EVENTS_ERROR));
        if (s->stop_requested) {
            nrf51_twi_stop(s);
        }
        break;
    case END_SENT:
        nrf_peripheral_event(&s->parent_obj, EV(EVENTS_TXDSENT));
        if (nrf51_twi_byte_boundary(s) && s->txd_valid) {
            nrf51_twi_send(s);
        }
        break;
    case END_RECEIVED:
        nrf_peripheral_event(&s->parent_obj, EV(EVENTS_RXDREADY));
        if (nrf51_twi_byte_boundary(s)) {
            s->rx_wait = true;
        }
        break;
    }
}

static void nrf51_twi_task(NRFPeripheralState *p, unsigned n)
{
    NRF51TWIState *s = container_of(p, NRF51TWIState, parent_obj);

    if (!nrf51_twi_enabled(s)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: task %u while disabled\n",
                      __func__, n);
        return;
    }

    switch (n) {
    case TASK(TASKS_STARTTX):
    case TASK(TASKS_STARTRX):
        if (s->pending != END_NONE) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: start while a byte is on the wire\n",
                          __func__);
            break;
        }
        nrf51_twi_start(s, n == TASK(TASKS_STARTRX));
        break;
    case TASK(TASKS_STOP):
        if (s->pending != END_NONE) {
            s->stop_requested = true;
        } else {
            nrf51_twi_stop(s);
        }
        break;
    case TASK(TASKS_SUSPEND):
        if (!s->suspended) {
            s->suspended = true;
            nrf_peripheral_event(&s->parent_obj, EV(EVENTS_SUSPENDED));
        }
        break;
    case TASK(TASKS_RESUME):
        if (!s->suspended) {
            break;
        }
        s->suspended = false;
        if (s->pending != END_NONE) {
            break;
        }
        if (s->phase == PHASE_RX) {
            nrf51_twi_recv(s);
        } else if (s->phase == PHASE_TX && s->txd_valid) {
            nrf51_twi_send(s);
        }
        break;
    }
}

static uint64_t nrf51_twi_read(NRFPeripheralState *p, hwaddr offset,
                               unsigned size)
{
    NRF51TWIState *s = container_of(p, NRF51TWIState, parent_obj);
    uint64_t r;

    switch (offset) {
    case A_ERRORSRC:
        r = s->errorsrc;
        break;
    case A_ENABLE:
        r = s->enable;
        break;
    case A_PSELSCL:
        r = s->pselscl;
        break;
    case A_PSELSDA:
        r = s->pselsda;
        break;
    case A_RXD:
        r = s->rxd;
        /* Reading RXD lets the next byte in */
        if (s->phase == PHASE_RX && s->rx_wait && !s->suspended) {
            nrf51_twi_recv(s);
        }
        break;
    case A_TXD:
        r = s->txd;
        break;
    case A_FREQUENCY:
        r = s->frequency;
        break;
    case A_ADDRESS:
        r = s->address;
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        r = 0;
        break;
    }

    trace_nrf51_twi_read(offset, r);
    return r;
}

static void nrf51_twi_write(NRFPeripheralState *p, hwaddr offset,
                            uint64_t value, unsigned size)
{
    NRF51TWIState *s = container_of(p, NRF51TWIState, parent_obj);

    trace_nrf51_twi_write(offset, value);

    switch (offset) {
    case A_ERRORSRC:
        s->errorsrc &= ~value;
        break;
    case A_ENABLE:
        /* ENABLE = 1 hands the slot to the SPI master */
        s->enable = value & 0x7;
        if (!nrf51_twi_enabled(s) && s->phase != PHASE_IDLE) {
            i2c_end_transfer(s->bus);
            s->phase = PHASE_IDLE;
        }
        if (!nrf51_twi_enabled(s)) {
            timer_del(s->timer);
            s->pending = END_NONE;
        }
        break;
    case A_PSELSCL:
        s->pselscl = value;
        break;
    case A_PSELSDA:
        s->pselsda = value;
        break;
    case A_TXD:
        s->txd = value & 0xff;
        s->txd_valid = true;
        if (nrf51_twi_enabled(s) && s->phase == PHASE_TX &&
            s->pending == END_NONE && !s->suspended) {
            nrf51_twi_send(s);
        }
        break;
    case A_FREQUENCY:
        s->frequency = value;
        break;
    case A_ADDRESS:
        s->address = value & 0x7f;
        break;
    case A_RXD:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: RXD is read-only\n", __func__);
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

/* The clock runs again: a byte that waited for it ends on time */
static void nrf51_twi_clock_changed(NRFPeripheralState *p)
{
    NRF51TWIState *s = container_of(p, NRF51TWIState, parent_obj);

    if (s->pending != END_NONE && !timer_pending(s->timer)) {
        nrf51_twi_arm(s);
    }
}

static void nrf51_twi_reset(NRFPeripheralState *p)
{
    NRF51TWIState *s = container_of(p, NRF51TWIState, parent_obj);

    /* POWER = 0 in mid-transfer lets the bus go */
    if (s->phase != PHASE_IDLE) {
        i2c_end_transfer(s->bus);
    }
    timer_del(s->timer);
    s->errorsrc = 0;
    s->enable = 0;
    s->pselscl = 0xffffffff;
    s->pselsda = 0xffffffff;
    s->rxd = 0;
    s->txd = 0;
    s->frequency = 0x04000000;
    s->address = 0;
    s->phase = PHASE_IDLE;
    s->pending = END_NONE;
    s->txd_valid = false;
    s->rx_wait = false;
    s->suspended = false;
    s->stop_requested = false;
}

static void nrf51_twi_realize(DeviceState *dev, Error **errp)
{
    NRF51TWIState *s = NRF51_TWI(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_twi_timer_cb, s);
}

static void nrf51_twi_init(Object *obj)
{
    NRF51TWIState *s = NRF51_TWI(obj);

    s->bus = i2c_init_bus(DEVICE(obj), "i2c");
}

static int nrf51_twi_post_load(void *opaque, int version_id)
{
    NRF51TWIState *s = opaque;

    if (s->phase > PHASE_RX || s->pending > END_RECEIVED) {
        return -EINVAL;
    }
    return 0;
}

static const VMStateDescription vmstate_nrf51_twi = {
    .name = TYPE_NRF51_TWI,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf51_twi_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51TWIState),
        VMSTATE_TIMER_PTR(timer, NRF51TWIState),
        VMSTATE_UINT32(errorsrc, NRF51TWIState),
        VMSTATE_UINT32(enable, NRF51TWIState),
        VMSTATE_UINT32(pselscl, NRF51TWIState),
        VMSTATE_UINT32(pselsda, NRF51TWIState),
        VMSTATE_UINT32(rxd, NRF51TWIState),
        VMSTATE_UINT32(txd, NRF51TWIState),
        VMSTATE_UINT32(frequency, NRF51TWIState),
        VMSTATE_UINT32(address, NRF51TWIState),
        VMSTATE_UINT32(phase, NRF51TWIState),
        VMSTATE_UINT32(pending, NRF51TWIState),
        VMSTATE_BOOL(txd_valid, NRF51TWIState),
        VMSTATE_BOOL(rx_wait, NRF51TWIState),
        VMSTATE_BOOL(suspended, NRF51TWIState),
        VMSTATE_BOOL(stop_requested, NRF51TWIState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf51_twi_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_TWI;
    pc->tasks = BIT(TASK(TASKS_STARTRX)) | BIT(TASK(TASKS_STARTTX)) |
                BIT(TASK(TASKS_STOP)) | BIT(TASK(TASKS_SUSPEND)) |
                BIT(TASK(TASKS_RESUME));
    pc->events = TWI_EVENTS;
    pc->shorts = R_SHORTS_BB_SUSPEND_MASK | R_SHORTS_BB_STOP_MASK;
    pc->has_power = true;
    pc->task = nrf51_twi_task;
    pc->read = nrf51_twi_read;
    pc->write = nrf51_twi_write;
    pc->clock_changed = nrf51_twi_clock_changed;
    pc->reset = nrf51_twi_reset;
    dc->realize = nrf51_twi_realize;
    dc->desc = "nRF51 TWI master";
    dc->vmsd = &vmstate_nrf51_twi;
}

static const TypeInfo nrf51_twi_types[] = {
    {
        .name = TYPE_NRF51_TWI,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51TWIState),
        .instance_init = nrf51_twi_init,
        .class_init = nrf51_twi_class_init,
    },
};

DEFINE_TYPES(nrf51_twi_types)
