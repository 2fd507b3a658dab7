/*
 * nRF51 peripherals whose function is not modelled
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 9 (peripheral
 * interface), and the chapters of AAR/CCM, QDEC and LPCOMP.
 *
 * These blocks (AAR/CCM, QDEC, LPCOMP) get the common nRF51 register
 * interface with defined behaviour, so that a program that sets them
 * up carries on rather than reading garbage: configuration registers
 * (0x400 and up) hold what is written, SHORTS and the interrupt enables
 * work, and events read as 0 because nothing raises them.  Their tasks
 * are reported once each with LOG_UNIMP, naming the block.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "hw/misc/nrf51_basic.h"
#include "hw/arm/nrf51.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "trace.h"

#define BASIC_TASKS_END     0x100
#define BASIC_SHORTS        0x200

static uint64_t nrf51_basic_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51BasicState *s = opaque;

    if (nrf51_events_claims(&s->events, offset)) {
        return nrf51_events_read(&s->events, offset);
    }
    if (offset < BASIC_TASKS_END) {
        return 0;
    }
    if (offset == BASIC_SHORTS) {
        return s->shorts;
    }
    if (offset >= NRF51_BASIC_CONFIG_BASE) {
        return s->config[(offset - NRF51_BASIC_CONFIG_BASE) / 4];
    }
    qemu_log_mask(LOG_GUEST_ERROR, "%s: %s: bad read offset 0x%" HWADDR_PRIx
                  "\n", __func__, s->name, offset);
    return 0;
}

static void nrf51_basic_write(void *opaque, hwaddr offset, uint64_t value,
                              unsigned size)
{
    NRF51BasicState *s = opaque;

    trace_nrf51_basic_write(s->name, offset, value);

    if (nrf51_events_claims(&s->events, offset)) {
        nrf51_events_write(&s->events, offset, value);
        return;
    }
    if (offset < BASIC_TASKS_END) {
        unsigned task = offset / 4;

        if ((value & 1) && !(s->tasks_logged & (1u << task))) {
            s->tasks_logged |= 1u << task;
            qemu_log_mask(LOG_UNIMP, "%s: task at 0x%03" HWADDR_PRIx
                          " is not modelled\n", s->name, offset);
        }
        return;
    }
    if (offset == BASIC_SHORTS) {
        s->shorts = value;
        return;
    }
    if (offset >= NRF51_BASIC_CONFIG_BASE) {
        s->config[(offset - NRF51_BASIC_CONFIG_BASE) / 4] = value;
        return;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "%s: %s: bad write offset 0x%" HWADDR_PRIx
                  "\n", __func__, s->name, offset);
}

static const MemoryRegionOps nrf51_basic_ops = {
    .read = nrf51_basic_read,
    .write = nrf51_basic_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static void nrf51_basic_reset_enter(Object *obj, ResetType type)
{
    NRF51BasicState *s = NRF51_BASIC(obj);

    nrf51_events_reset(&s->events);
    s->shorts = 0;
    memset(s->config, 0, sizeof(s->config));
    /* POWER (0xffc) reads 1: the block is powered */
    s->config[NRF51_BASIC_CONFIG_WORDS - 1] = 1;
}

static void nrf51_basic_reset_hold(Object *obj, ResetType type)
{
    nrf51_events_update_irq(&NRF51_BASIC(obj)->events);
}

static void nrf51_basic_realize(DeviceState *dev, Error **errp)
{
    NRF51BasicState *s = NRF51_BASIC(dev);

    if (!s->name) {
        error_setg(errp, "name property must be set");
        return;
    }
    memory_region_init_io(&s->mmio, OBJECT(dev), &nrf51_basic_ops, s,
                          s->name, NRF51_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->mmio);
}

static void nrf51_basic_init(Object *obj)
{
    NRF51BasicState *s = NRF51_BASIC(obj);

    /* Every event slot exists; none ever fires */
    nrf51_events_init(&s->events, DEVICE(obj), 0xffffffff);
}

static const VMStateDescription vmstate_nrf51_basic = {
    .name = TYPE_NRF51_BASIC,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF51_EVENTS(events, NRF51BasicState),
        VMSTATE_UINT32(shorts, NRF51BasicState),
        VMSTATE_UINT32_ARRAY(config, NRF51BasicState,
                             NRF51_BASIC_CONFIG_WORDS),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_basic_properties[] = {
    DEFINE_PROP_STRING("name", NRF51BasicState, name),
};

static void nrf51_basic_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_basic_realize;
    dc->desc = "nRF51 peripheral with registers only";
    dc->vmsd = &vmstate_nrf51_basic;
    device_class_set_props(dc, nrf51_basic_properties);
    rc->phases.enter = nrf51_basic_reset_enter;
    rc->phases.hold = nrf51_basic_reset_hold;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_basic_types[] = {
    {
        .name = TYPE_NRF51_BASIC,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51BasicState),
        .instance_init = nrf51_basic_init,
        .class_init = nrf51_basic_class_init,
    },
};

DEFINE_TYPES(nrf51_basic_types)
