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
 * the time the byte takes at FREQUENCY (nine clocks per byte).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hw/i2c/nrf51_twi.h"
#include "hw/arm/nrf51.h"
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
REG32(POWER, 0xffc)

#define EV(reg)         NRF51_EVENT(A_ ## reg)
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

/* Nine SCL periods; FREQUENCY scales 16 MHz by 2^32 as in the UART */
static int64_t nrf51_twi_byte_ns(NRF51TWIState *s)
{
    uint32_t rate = MAX(s->frequency, 0x1000);

    return 9 * 125 * (1ULL << 31) / rate;
}

static void nrf51_twi_begin_byte(NRF51TWIState *s, unsigned end)
{
    s->pending = end;
    timer_mod(s->timer,
              qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + nrf51_twi_byte_ns(s));
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
    nrf51_events_fire(&s->events, EV(EVENTS_STOPPED));
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
    nrf51_events_fire(&s->events, EV(EVENTS_BB));
    if (FIELD_EX32(s->shorts, SHORTS, BB_STOP) || s->stop_requested) {
        nrf51_twi_stop(s);
        return false;
    }
    if (FIELD_EX32(s->shorts, SHORTS, BB_SUSPEND)) {
        s->suspended = true;
        nrf51_events_fire(&s->events, EV(EVENTS_SUSPENDED));
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
        nrf51_events_fire(&s->events, EV(EVENTS_ERROR));
        if (s->stop_requested) {
            nrf51_twi_stop(s);
        }
        break;
    case END_DNACK:
        s->errorsrc |= R_ERRORSRC_DNACK_MASK;
        nrf51_events_fire(&s->events, EV(EVENTS_ERROR));
        if (s->stop_requested) {
            nrf51_twi_stop(s);
        }
        break;
    case END_SENT:
        nrf51_events_fire(&s->events, EV(EVENTS_TXDSENT));
        if (nrf51_twi_byte_boundary(s) && s->txd_valid) {
            nrf51_twi_send(s);
        }
        break;
    case END_RECEIVED:
        nrf51_events_fire(&s->events, EV(EVENTS_RXDREADY));
        if (nrf51_twi_byte_boundary(s)) {
            s->rx_wait = true;
        }
        break;
    }
}

static void nrf51_twi_task(NRF51TWIState *s, hwaddr offset)
{
    if (!nrf51_twi_enabled(s)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: task 0x%" HWADDR_PRIx " while disabled\n",
                      __func__, offset);
        return;
    }

    switch (offset) {
    case A_TASKS_STARTTX:
    case A_TASKS_STARTRX:
        if (s->pending != END_NONE) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: start while a byte is on the wire\n",
                          __func__);
            break;
        }
        nrf51_twi_start(s, offset == A_TASKS_STARTRX);
        break;
    case A_TASKS_STOP:
        if (s->pending != END_NONE) {
            s->stop_requested = true;
        } else {
            nrf51_twi_stop(s);
        }
        break;
    case A_TASKS_SUSPEND:
        if (!s->suspended) {
            s->suspended = true;
            nrf51_events_fire(&s->events, EV(EVENTS_SUSPENDED));
        }
        break;
    case A_TASKS_RESUME:
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

static uint64_t nrf51_twi_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51TWIState *s = opaque;
    uint64_t r;

    if (nrf51_events_claims(&s->events, offset)) {
        return nrf51_events_read(&s->events, offset);
    }

    switch (offset) {
    case A_TASKS_STARTRX ... A_TASKS_RESUME:
        r = 0;
        break;
    case A_SHORTS:
        r = s->shorts;
        break;
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
    case A_POWER:
        r = s->power;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad read offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        r = 0;
        break;
    }

    trace_nrf51_twi_read(offset, r);
    return r;
}

static void nrf51_twi_write(void *opaque, hwaddr offset, uint64_t value,
                            unsigned size)
{
    NRF51TWIState *s = opaque;

    trace_nrf51_twi_write(offset, value);

    if (nrf51_events_claims(&s->events, offset)) {
        nrf51_events_write(&s->events, offset, value);
        return;
    }

    switch (offset) {
    case A_TASKS_STARTRX:
    case A_TASKS_STARTTX:
    case A_TASKS_STOP:
    case A_TASKS_SUSPEND:
    case A_TASKS_RESUME:
        if (value & 1) {
            nrf51_twi_task(s, offset);
        }
        break;
    case A_SHORTS:
        s->shorts = value & (R_SHORTS_BB_SUSPEND_MASK |
                             R_SHORTS_BB_STOP_MASK);
        break;
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
    case A_POWER:
        s->power = value & 1;
        break;
    case A_RXD:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: RXD is read-only\n", __func__);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad write offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        break;
    }
}

static const MemoryRegionOps nrf51_twi_ops = {
    .read = nrf51_twi_read,
    .write = nrf51_twi_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static void nrf51_twi_reset_enter(Object *obj, ResetType type)
{
    NRF51TWIState *s = NRF51_TWI(obj);

    timer_del(s->timer);
    nrf51_events_reset(&s->events);
    s->shorts = 0;
    s->errorsrc = 0;
    s->enable = 0;
    s->pselscl = 0xffffffff;
    s->pselsda = 0xffffffff;
    s->rxd = 0;
    s->txd = 0;
    s->frequency = 0x04000000;
    s->address = 0;
    s->power = 1;
    s->phase = PHASE_IDLE;
    s->pending = END_NONE;
    s->txd_valid = false;
    s->rx_wait = false;
    s->suspended = false;
    s->stop_requested = false;
}

static void nrf51_twi_reset_hold(Object *obj, ResetType type)
{
    nrf51_events_update_irq(&NRF51_TWI(obj)->events);
}

static void nrf51_twi_realize(DeviceState *dev, Error **errp)
{
    NRF51TWIState *s = NRF51_TWI(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_twi_timer_cb, s);
}

static void nrf51_twi_init(Object *obj)
{
    NRF51TWIState *s = NRF51_TWI(obj);
    DeviceState *dev = DEVICE(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_twi_ops, s, TYPE_NRF51_TWI,
                          NRF51_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    nrf51_events_init(&s->events, dev, TWI_EVENTS);
    s->bus = i2c_init_bus(dev, "i2c");
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
        VMSTATE_NRF51_EVENTS(events, NRF51TWIState),
        VMSTATE_TIMER_PTR(timer, NRF51TWIState),
        VMSTATE_UINT32(shorts, NRF51TWIState),
        VMSTATE_UINT32(errorsrc, NRF51TWIState),
        VMSTATE_UINT32(enable, NRF51TWIState),
        VMSTATE_UINT32(pselscl, NRF51TWIState),
        VMSTATE_UINT32(pselsda, NRF51TWIState),
        VMSTATE_UINT32(rxd, NRF51TWIState),
        VMSTATE_UINT32(txd, NRF51TWIState),
        VMSTATE_UINT32(frequency, NRF51TWIState),
        VMSTATE_UINT32(address, NRF51TWIState),
        VMSTATE_UINT32(power, NRF51TWIState),
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
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_twi_realize;
    dc->desc = "nRF51 TWI master";
    dc->vmsd = &vmstate_nrf51_twi;
    rc->phases.enter = nrf51_twi_reset_enter;
    rc->phases.hold = nrf51_twi_reset_hold;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_twi_types[] = {
    {
        .name = TYPE_NRF51_TWI,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51TWIState),
        .instance_init = nrf51_twi_init,
        .class_init = nrf51_twi_class_init,
    },
};

DEFINE_TYPES(nrf51_twi_types)
