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
 * SPI0 and SPI1 share their registers with TWI0 and TWI1: the SoC
 * routes the slot to whichever ENABLE selects.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/host-utils.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hw/ssi/nrf51_spi.h"
#include "hw/arm/nrf51.h"
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
REG32(POWER, 0xffc)

#define EV_READY            NRF51_EVENT(A_EVENTS_READY)
#define SPI_ENABLE_SPI      1
#define SPI_FREQ_K250       0x04000000

static bool nrf51_spi_enabled(NRF51SPIState *s)
{
    return s->enable == SPI_ENABLE_SPI;
}

/* Eight clocks; FREQUENCY scales 16 MHz by 2^32 */
static int64_t nrf51_spi_byte_ns(NRF51SPIState *s)
{
    uint32_t rate = MAX(s->frequency, 0x1000);

    return 8 * 125 * (1ULL << 31) / rate;
}

static uint8_t nrf51_spi_order(NRF51SPIState *s, uint8_t byte)
{
    return FIELD_EX32(s->config, CONFIG, ORDER) ? revbit8(byte) : byte;
}

/* Start shifting the next byte, if there is one and room for its reply */
static void nrf51_spi_kick(NRF51SPIState *s)
{
    uint8_t out;

    if (s->busy || !s->tx_count || s->rx_count == NRF51_SPI_FIFO ||
        !nrf51_spi_enabled(s)) {
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
              qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + nrf51_spi_byte_ns(s));
}

static void nrf51_spi_done(void *opaque)
{
    NRF51SPIState *s = opaque;

    s->busy = false;
    s->rx[s->rx_count++] = s->shifting;
    nrf51_events_fire(&s->events, EV_READY);
    nrf51_spi_kick(s);
}

static uint64_t nrf51_spi_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51SPIState *s = opaque;
    uint64_t r;

    if (nrf51_events_claims(&s->events, offset)) {
        return nrf51_events_read(&s->events, offset);
    }
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
    case A_POWER:
        r = 1;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad read offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        r = 0;
        break;
    }
    return r;
}

static void nrf51_spi_write(void *opaque, hwaddr offset, uint64_t value,
                            unsigned size)
{
    NRF51SPIState *s = opaque;

    if (nrf51_events_claims(&s->events, offset)) {
        nrf51_events_write(&s->events, offset, value);
        return;
    }
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
    case A_POWER:
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

static const MemoryRegionOps nrf51_spi_ops = {
    .read = nrf51_spi_read,
    .write = nrf51_spi_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static void nrf51_spi_reset_enter(Object *obj, ResetType type)
{
    NRF51SPIState *s = NRF51_SPI(obj);

    timer_del(s->timer);
    nrf51_events_reset(&s->events);
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

static void nrf51_spi_reset_hold(Object *obj, ResetType type)
{
    nrf51_events_update_irq(&NRF51_SPI(obj)->events);
}

static void nrf51_spi_realize(DeviceState *dev, Error **errp)
{
    NRF51SPIState *s = NRF51_SPI(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_spi_done, s);
}

static void nrf51_spi_init(Object *obj)
{
    NRF51SPIState *s = NRF51_SPI(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_spi_ops, s, TYPE_NRF51_SPI,
                          NRF51_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    nrf51_events_init(&s->events, DEVICE(obj), 1u << EV_READY);
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
        VMSTATE_NRF51_EVENTS(events, NRF51SPIState),
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
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_spi_realize;
    dc->desc = "nRF51 SPI master";
    dc->vmsd = &vmstate_nrf51_spi;
    rc->phases.enter = nrf51_spi_reset_enter;
    rc->phases.hold = nrf51_spi_reset_hold;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_spi_types[] = {
    {
        .name = TYPE_NRF51_SPI,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51SPIState),
        .instance_init = nrf51_spi_init,
        .class_init = nrf51_spi_class_init,
    },
};

DEFINE_TYPES(nrf51_spi_types)
