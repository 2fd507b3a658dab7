/*
 * nRF51 AES electronic codebook mode encryption (ECB)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 26 (ECB).
 *
 * STARTECB encrypts one block: the 16-byte key and the 16-byte clear
 * text at ECBDATAPTR in RAM (most significant byte first, as AES-128
 * defines them) give the cipher text at ECBDATAPTR + 32.  The work is
 * done by QEMU's own AES; the result is stored and ENDECB raised after
 * the 7.2 us the block takes on the chip.  A pointer outside RAM, or
 * STOPECB during the operation, raises ERRORECB instead.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "crypto/aes.h"
#include "hw/misc/nrf51_ecb.h"
#include "hw/arm/nrf51.h"
#include "hw/qdev-properties.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_STARTECB, 0x000)
REG32(TASKS_STOPECB, 0x004)
REG32(EVENTS_ENDECB, 0x100)
REG32(EVENTS_ERRORECB, 0x104)
REG32(ECBDATAPTR, 0x504)
REG32(POWER, 0xffc)

#define EV_ENDECB       NRF51_EVENT(A_EVENTS_ENDECB)
#define EV_ERRORECB     NRF51_EVENT(A_EVENTS_ERRORECB)
#define ECB_BLOCK_NS    7200

static void nrf51_ecb_done(void *opaque)
{
    NRF51ECBState *s = opaque;

    s->busy = false;
    if (address_space_write(&s->as, s->ecbdataptr + 32,
                            MEMTXATTRS_UNSPECIFIED, s->ciphertext,
                            16) != MEMTX_OK) {
        nrf51_events_fire(&s->events, EV_ERRORECB);
        return;
    }
    nrf51_events_fire(&s->events, EV_ENDECB);
}

static void nrf51_ecb_start(NRF51ECBState *s)
{
    uint8_t data[32];
    AES_KEY key;

    if (s->busy) {
        return;
    }
    if (s->ecbdataptr < NRF51_SRAM_BASE ||
        s->ecbdataptr - NRF51_SRAM_BASE > s->sram_size - 48 ||
        address_space_read(&s->as, s->ecbdataptr, MEMTXATTRS_UNSPECIFIED,
                           data, sizeof(data)) != MEMTX_OK) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: ECBDATAPTR 0x%08x is not RAM\n",
                      __func__, s->ecbdataptr);
        nrf51_events_fire(&s->events, EV_ERRORECB);
        return;
    }
    AES_set_encrypt_key(data, 128, &key);
    AES_encrypt(data + 16, s->ciphertext, &key);
    trace_nrf51_ecb_start(s->ecbdataptr);
    s->busy = true;
    timer_mod(s->timer,
              qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + ECB_BLOCK_NS);
}

static uint64_t nrf51_ecb_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51ECBState *s = opaque;

    if (nrf51_events_claims(&s->events, offset)) {
        return nrf51_events_read(&s->events, offset);
    }
    switch (offset) {
    case A_TASKS_STARTECB:
    case A_TASKS_STOPECB:
        return 0;
    case A_ECBDATAPTR:
        return s->ecbdataptr;
    case A_POWER:
        return 1;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad read offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        return 0;
    }
}

static void nrf51_ecb_write(void *opaque, hwaddr offset, uint64_t value,
                            unsigned size)
{
    NRF51ECBState *s = opaque;

    if (nrf51_events_claims(&s->events, offset)) {
        nrf51_events_write(&s->events, offset, value);
        return;
    }
    switch (offset) {
    case A_TASKS_STARTECB:
        if (value & 1) {
            nrf51_ecb_start(s);
        }
        break;
    case A_TASKS_STOPECB:
        if ((value & 1) && s->busy) {
            s->busy = false;
            timer_del(s->timer);
            nrf51_events_fire(&s->events, EV_ERRORECB);
        }
        break;
    case A_ECBDATAPTR:
        s->ecbdataptr = value;
        break;
    case A_POWER:
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad write offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        break;
    }
}

static const MemoryRegionOps nrf51_ecb_ops = {
    .read = nrf51_ecb_read,
    .write = nrf51_ecb_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static void nrf51_ecb_reset_enter(Object *obj, ResetType type)
{
    NRF51ECBState *s = NRF51_ECB(obj);

    timer_del(s->timer);
    nrf51_events_reset(&s->events);
    s->busy = false;
    s->ecbdataptr = 0;
    memset(s->ciphertext, 0, sizeof(s->ciphertext));
}

static void nrf51_ecb_reset_hold(Object *obj, ResetType type)
{
    nrf51_events_update_irq(&NRF51_ECB(obj)->events);
}

static void nrf51_ecb_realize(DeviceState *dev, Error **errp)
{
    NRF51ECBState *s = NRF51_ECB(dev);

    if (!s->downstream) {
        error_setg(errp, "memory link not set");
        return;
    }
    /* EasyDMA reaches RAM only */
    address_space_init(&s->as, s->downstream, "nrf51-ecb");
    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_ecb_done, s);
}

static void nrf51_ecb_init(Object *obj)
{
    NRF51ECBState *s = NRF51_ECB(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_ecb_ops, s, TYPE_NRF51_ECB,
                          NRF51_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    nrf51_events_init(&s->events, DEVICE(obj),
                      (1u << EV_ENDECB) | (1u << EV_ERRORECB));
}

static const VMStateDescription vmstate_nrf51_ecb = {
    .name = TYPE_NRF51_ECB,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF51_EVENTS(events, NRF51ECBState),
        VMSTATE_TIMER_PTR(timer, NRF51ECBState),
        VMSTATE_BOOL(busy, NRF51ECBState),
        VMSTATE_UINT32(ecbdataptr, NRF51ECBState),
        VMSTATE_UINT8_ARRAY(ciphertext, NRF51ECBState, 16),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_ecb_properties[] = {
    DEFINE_PROP_LINK("memory", NRF51ECBState, downstream, TYPE_MEMORY_REGION,
                     MemoryRegion *),
    DEFINE_PROP_UINT32("sram-size", NRF51ECBState, sram_size, 16 * 1024),
};

static void nrf51_ecb_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_ecb_realize;
    dc->desc = "nRF51 AES ECB";
    dc->vmsd = &vmstate_nrf51_ecb;
    device_class_set_props(dc, nrf51_ecb_properties);
    rc->phases.enter = nrf51_ecb_reset_enter;
    rc->phases.hold = nrf51_ecb_reset_hold;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_ecb_types[] = {
    {
        .name = TYPE_NRF51_ECB,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51ECBState),
        .instance_init = nrf51_ecb_init,
        .class_init = nrf51_ecb_class_init,
    },
};

DEFINE_TYPES(nrf51_ecb_types)
