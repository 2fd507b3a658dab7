/*
 * nRF51 SPI master (SPI)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 22 (SPI).
 *
 * A master on a QEMU SSI bus ("spi").  TXD and RXD are double
 * buffered: a byte written to TXD is shifted out as soon as the
 * shifter is free, the byte shifted in at the same time goes to RXD
 * and raises READY after eight clocks at FREQUENCY.  When RXD already
 * holds two unread bytes the master stalls until one is read, as on
 * the chip, so nothing received is lost.  CONFIG.ORDER sends the least
 * significant bit first; the clock phase and polarity do not change
 * what the bus carries here.
 *
 * The byte time scales the "clk" input (HFCLK, 16 MHz); while that
 * clock is stopped no byte is shifted.
 *
 * SPI0 and SPI1 share their peripheral IDs with TWI0 and TWI1: the
 * slot (hw/misc/nrf51_serial_slot.c) routes the registers to whichever
 * ENABLE selects.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/host-utils.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hw/ssi/nrf51_spi.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(EVENTS_READY, 0x108)
REG32(ENABLE, 0x500)
REG32(PSELSCK, 0x508)
REG32(PSELMOSI, 0x50c)
REG32(PSELMISO, 0x510)
REG32(RXD, 0x518)
REG32(TXD, 0x51c)
REG32(FREQUENCY, 0x524)
REG32(CONFIG, 0x554)
    FIELD(CONFIG, ORDER, 0, 1)
    FIELD(CONFIG, CPHA, 1, 1)
    FIELD(CONFIG, CPOL, 2, 1)

#define EV_READY            NRF_EVENT(A_EVENTS_READY)
#define SPI_ENABLE_SPI      1
#define SPI_FREQ_K250       0x04000000

static bool nrf51_spi_enabled(NRF51SPIState *s)
{
    return s->enable == SPI_ENABLE_SPI;
}

/*
 * Eight clocks; FREQUENCY scales the clock by 2^32 (at 16 MHz,
 * 8 * 125 * 2^31 / FREQUENCY ns)
 */
static int64_t nrf51_spi_byte_ns(NRF51SPIState *s, uint64_t hz)
{
    uint32_t rate = MAX(s->frequency, 0x1000);

    return muldiv64(8 * 2 * NANOSECONDS_PER_SECOND, 1u << 31, hz) / rate;
}

static uint8_t nrf51_spi_order(NRF51SPIState *s, uint8_t byte)
{
    return FIELD_EX32(s->config, CONFIG, ORDER) ? revbit8(byte) : byte;
}

/* Start shifting the next byte, if there is one and room for its reply */
static void nrf51_spi_kick(NRF51SPIState *s)
{
    uint64_t hz = nrf_peripheral_clock_hz(&s->parent_obj);
    uint8_t out;

    if (s->busy || !s->tx_count || s->rx_count == NRF51_SPI_FIFO ||
        !nrf51_spi_enabled(s) || !hz) {
        return;
    }
    out = s->tx[0];
    s->tx[0] = s->tx[1];
    s->tx_count--;
    s->shifting = nrf51_spi_order(s,
        ssi_transfer(s->bus, nrf51_spi_order(s, out)));
    trace_nrf51_spi_transfer(out, s->shifting);
    s->busy = true;
    timer_mod(s->timer,
              qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
              nrf51_spi_byte_ns(s, hz));
}

static void nrf51_spi_done(void *opaque)
{
    NRF51SPIState *s = opaque;

    s->busy = false;
    s->rx[s->rx_count++] = s->shifting;
    nrf_peripheral_event(&s->parent_obj, EV_READY);
    nrf51_spi_kick(s);
}

static uint64_t nrf51_spi_read(NRFPeripheralState *p, hwaddr offset,
                               unsigned size)
{
    NRF51SPIState *s = container_of(p, NRF51SPIState, parent_obj);
    uint64_t r;

    switch (offset) {
    case A_ENABLE:
        r = s->enable;
        break;
    case A_PSELSCK ... A_PSELMISO:
        r = s->psel[(offset - A_PSELSCK) / 4];
        break;
    case A_RXD:
        r = s->rx[0];
        if (s->rx_count) {
            s->rx[0] = s->rx[1];
            s->rx_count--;
            nrf51_spi_kick(s);
        }
        break;
    case A_TXD:
        r = 0;
        break;
    case A_FREQUENCY:
        r = s->frequency;
        break;
    case A_CONFIG:
        r = s->config;
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        r = 0;
        break;
    }
    return r;
}

static void nrf51_spi_write(NRFPeripheralState *p, hwaddr offset,
                            uint64_t value, unsigned size)
{
    NRF51SPIState *s = container_of(p, NRF51SPIState, parent_obj);

    switch (offset) {
    case A_ENABLE:
        s->enable = value & 0x7;
        if (nrf51_spi_enabled(s)) {
            nrf51_spi_kick(s);
        }
        break;
    case A_PSELSCK ... A_PSELMISO:
        s->psel[(offset - A_PSELSCK) / 4] = value;
        break;
    case A_TXD:
        if (s->tx_count == NRF51_SPI_FIFO) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: TXD written with both buffers full\n",
                          __func__);
            break;
        }
        s->tx[s->tx_count++] = value;
        nrf51_spi_kick(s);
        break;
    case A_FREQUENCY:
        s->frequency = value;
        break;
    case A_CONFIG:
        s->config = value & (R_CONFIG_ORDER_MASK | R_CONFIG_CPHA_MASK |
                             R_CONFIG_CPOL_MASK);
        break;
    case A_RXD:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: RXD is read-only\n", __func__);
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

/* The clock runs again: bytes waiting in TXD go out */
static void nrf51_spi_clock_changed(NRFPeripheralState *p)
{
    nrf51_spi_kick(container_of(p, NRF51SPIState, parent_obj));
}

static void nrf51_spi_reset(NRFPeripheralState *p)
{
    NRF51SPIState *s = container_of(p, NRF51SPIState, parent_obj);

    timer_del(s->timer);
    s->enable = 0;
    memset(s->psel, 0xff, sizeof(s->psel));
    s->frequency = SPI_FREQ_K250;
    s->config = 0;
    s->busy = false;
    s->shifting = 0;
    s->tx_count = 0;
    s->rx_count = 0;
    memset(s->tx, 0, sizeof(s->tx));
    memset(s->rx, 0, sizeof(s->rx));
}

static void nrf51_spi_realize(DeviceState *dev, Error **errp)
{
    NRF51SPIState *s = NRF51_SPI(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_spi_done, s);
}

static void nrf51_spi_init(Object *obj)
{
    NRF51SPIState *s = NRF51_SPI(obj);

    s->bus = ssi_create_bus(DEVICE(obj), "spi");
}

static int nrf51_spi_post_load(void *opaque, int version_id)
{
    NRF51SPIState *s = opaque;

    if (s->tx_count > NRF51_SPI_FIFO || s->rx_count > NRF51_SPI_FIFO ||
        (s->busy && s->rx_count == NRF51_SPI_FIFO)) {
        return -EINVAL;
    }
    return 0;
}

static const VMStateDescription vmstate_nrf51_spi = {
    .name = TYPE_NRF51_SPI,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf51_spi_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51SPIState),
        VMSTATE_TIMER_PTR(timer, NRF51SPIState),
        VMSTATE_UINT32(enable, NRF51SPIState),
        VMSTATE_UINT32_ARRAY(psel, NRF51SPIState, 3),
        VMSTATE_UINT32(frequency, NRF51SPIState),
        VMSTATE_UINT32(config, NRF51SPIState),
        VMSTATE_BOOL(busy, NRF51SPIState),
        VMSTATE_UINT8(shifting, NRF51SPIState),
        VMSTATE_UINT8_ARRAY(tx, NRF51SPIState, NRF51_SPI_FIFO),
        VMSTATE_UINT32(tx_count, NRF51SPIState),
        VMSTATE_UINT8_ARRAY(rx, NRF51SPIState, NRF51_SPI_FIFO),
        VMSTATE_UINT32(rx_count, NRF51SPIState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf51_spi_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_SPI;
    pc->events = BIT(EV_READY);
    pc->has_power = true;
    pc->read = nrf51_spi_read;
    pc->write = nrf51_spi_write;
    pc->clock_changed = nrf51_spi_clock_changed;
    pc->reset = nrf51_spi_reset;
    dc->realize = nrf51_spi_realize;
    dc->desc = "nRF51 SPI master";
    dc->vmsd = &vmstate_nrf51_spi;
}

static const TypeInfo nrf51_spi_types[] = {
    {
        .name = TYPE_NRF51_SPI,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51SPIState),
        .instance_init = nrf51_spi_init,
        .class_init = nrf51_spi_class_init,
    },
};

DEFINE_TYPES(nrf51_spi_types)
