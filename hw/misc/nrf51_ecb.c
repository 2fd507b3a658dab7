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
 * STOPECB during the operation, raises ERRORECB instead.  STARTECB
 * latches ECBDATAPTR (EasyDMA, include/hw/misc/nrf_easydma.h): the
 * cipher text goes after the block the operation read, even if
 * firmware points ECBDATAPTR elsewhere in the meantime.
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

#define EV_ENDECB       NRF_EVENT(A_EVENTS_ENDECB)
#define EV_ERRORECB     NRF_EVENT(A_EVENTS_ERRORECB)
#define ECB_BLOCK_NS    7200
/* Key, clear text and cipher text, 16 bytes each */
#define ECB_DATA_SIZE   48
#define ECB_OUT         32

static void nrf51_ecb_done(void *opaque)
{
    NRF51ECBState *s = opaque;

    s->busy = false;
    if (!nrf_easydma_write(&s->dma, &s->data, ECB_OUT, s->ciphertext,
                           sizeof(s->ciphertext))) {
        nrf_peripheral_event(&s->parent_obj, EV_ERRORECB);
        return;
    }
    nrf_peripheral_event(&s->parent_obj, EV_ENDECB);
}

static void nrf51_ecb_start(NRF51ECBState *s)
{
    uint8_t data[ECB_OUT];
    AES_KEY key;

    if (s->busy) {
        return;
    }
    nrf_easydma_start(&s->data, s->ecbdataptr, ECB_DATA_SIZE);
    if (!nrf_easydma_check(&s->dma, &s->data, 0, ECB_DATA_SIZE) ||
        !nrf_easydma_read(&s->dma, &s->data, 0, data, sizeof(data))) {
        nrf_peripheral_event(&s->parent_obj, EV_ERRORECB);
        return;
    }
    AES_set_encrypt_key(data, 128, &key);
    AES_encrypt(data + 16, s->ciphertext, &key);
    trace_nrf51_ecb_start(s->data.ptr);
    s->busy = true;
    timer_mod(s->timer,
              qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + ECB_BLOCK_NS);
}

static void nrf51_ecb_task(NRFPeripheralState *p, unsigned n)
{
    NRF51ECBState *s = container_of(p, NRF51ECBState, parent_obj);

    switch (n) {
    case NRF_TASK(A_TASKS_STARTECB):
        nrf51_ecb_start(s);
        break;
    case NRF_TASK(A_TASKS_STOPECB):
        if (s->busy) {
            s->busy = false;
            timer_del(s->timer);
            nrf_peripheral_event(p, EV_ERRORECB);
        }
        break;
    }
}

static uint64_t nrf51_ecb_read(NRFPeripheralState *p, hwaddr offset,
                               unsigned size)
{
    NRF51ECBState *s = container_of(p, NRF51ECBState, parent_obj);

    switch (offset) {
    case A_ECBDATAPTR:
        return s->ecbdataptr;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        return 0;
    }
}

static void nrf51_ecb_write(NRFPeripheralState *p, hwaddr offset,
                            uint64_t value, unsigned size)
{
    NRF51ECBState *s = container_of(p, NRF51ECBState, parent_obj);

    switch (offset) {
    case A_ECBDATAPTR:
        s->ecbdataptr = value;
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

static void nrf51_ecb_reset(NRFPeripheralState *p)
{
    NRF51ECBState *s = container_of(p, NRF51ECBState, parent_obj);

    timer_del(s->timer);
    s->busy = false;
    s->ecbdataptr = 0;
    nrf_easydma_start(&s->data, 0, 0);
    memset(s->ciphertext, 0, sizeof(s->ciphertext));
}

static void nrf51_ecb_realize(DeviceState *dev, Error **errp)
{
    NRF51ECBState *s = NRF51_ECB(dev);

    if (!s->downstream) {
        error_setg(errp, "memory link not set");
        return;
    }
    nrf_easydma_init(&s->dma, s->downstream, TYPE_NRF51_ECB,
                     NRF51_SRAM_BASE, s->sram_size);
    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_ecb_done, s);
}

static int nrf51_ecb_post_load(void *opaque, int version_id)
{
    NRF51ECBState *s = opaque;

    /* The latched buffer is always the block's size */
    if (s->data.maxcnt != 0 && s->data.maxcnt != ECB_DATA_SIZE) {
        return -EINVAL;
    }
    return 0;
}

static const VMStateDescription vmstate_nrf51_ecb = {
    .name = TYPE_NRF51_ECB,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf51_ecb_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51ECBState),
        VMSTATE_TIMER_PTR(timer, NRF51ECBState),
        VMSTATE_BOOL(busy, NRF51ECBState),
        VMSTATE_UINT32(ecbdataptr, NRF51ECBState),
        VMSTATE_UINT32(data.ptr, NRF51ECBState),
        VMSTATE_UINT32(data.maxcnt, NRF51ECBState),
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
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_ECB;
    pc->tasks = BIT(NRF_TASK(A_TASKS_STARTECB)) |
                BIT(NRF_TASK(A_TASKS_STOPECB));
    pc->events = BIT(EV_ENDECB) | BIT(EV_ERRORECB);
    pc->has_power = true;
    pc->task = nrf51_ecb_task;
    pc->read = nrf51_ecb_read;
    pc->write = nrf51_ecb_write;
    pc->reset = nrf51_ecb_reset;
    dc->realize = nrf51_ecb_realize;
    dc->desc = "nRF51 AES ECB";
    dc->vmsd = &vmstate_nrf51_ecb;
    device_class_set_props(dc, nrf51_ecb_properties);
}

static const TypeInfo nrf51_ecb_types[] = {
    {
        .name = TYPE_NRF51_ECB,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51ECBState),
        .class_init = nrf51_ecb_class_init,
    },
};

DEFINE_TYPES(nrf51_ecb_types)
