/*
 * nRF51 peripherals whose function is not modelled
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 9 (peripheral
 * interface), and the chapters of AAR/CCM, QDEC and LPCOMP.
 *
 * These blocks (AAR/CCM, QDEC, LPCOMP, and SPIS1) get the common nRF51
 * register interface with defined behaviour, so that a program that
 * sets them up carries on rather than reading garbage: configuration
 * registers (0x400 and up) hold what is written, SHORTS, the interrupt
 * enables and POWER work, and events read as 0 because nothing raises
 * them.  Their tasks are reported once each with LOG_UNIMP, naming the
 * block.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "hw/misc/nrf51_basic.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "trace.h"

static void nrf51_basic_task(NRFPeripheralState *p, unsigned n)
{
    NRF51BasicState *s = container_of(p, NRF51BasicState, parent_obj);

    if (!(s->tasks_logged & (1u << n))) {
        s->tasks_logged |= 1u << n;
        qemu_log_mask(LOG_UNIMP, "%s: task at 0x%03x is not modelled\n",
                      s->name, NRF_TASKS_BASE + 4 * n);
    }
}

static uint64_t nrf51_basic_read(NRFPeripheralState *p, hwaddr offset,
                                 unsigned size)
{
    NRF51BasicState *s = container_of(p, NRF51BasicState, parent_obj);

    if (offset >= NRF51_BASIC_CONFIG_BASE && offset < NRF_POWER) {
        return s->config[(offset - NRF51_BASIC_CONFIG_BASE) / 4];
    }
    nrf_peripheral_bad_offset(p, offset, false);
    return 0;
}

static void nrf51_basic_write(NRFPeripheralState *p, hwaddr offset,
                              uint64_t value, unsigned size)
{
    NRF51BasicState *s = container_of(p, NRF51BasicState, parent_obj);

    trace_nrf51_basic_write(s->name, offset, value);

    if (offset >= NRF51_BASIC_CONFIG_BASE && offset < NRF_POWER) {
        s->config[(offset - NRF51_BASIC_CONFIG_BASE) / 4] = value;
        return;
    }
    nrf_peripheral_bad_offset(p, offset, true);
}

static void nrf51_basic_reset(NRFPeripheralState *p)
{
    NRF51BasicState *s = container_of(p, NRF51BasicState, parent_obj);

    memset(s->config, 0, sizeof(s->config));
}

static void nrf51_basic_realize(DeviceState *dev, Error **errp)
{
    NRF51BasicState *s = NRF51_BASIC(dev);

    if (!s->name) {
        error_setg(errp, "name property must be set");
    }
}

static const VMStateDescription vmstate_nrf51_basic = {
    .name = TYPE_NRF51_BASIC,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51BasicState),
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
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_BASIC;
    /* Every task, event and SHORTS bit exists; no event ever happens */
    pc->tasks = UINT32_MAX;
    pc->events = UINT32_MAX;
    pc->shorts = UINT32_MAX;
    pc->has_power = true;
    pc->task = nrf51_basic_task;
    pc->read = nrf51_basic_read;
    pc->write = nrf51_basic_write;
    pc->reset = nrf51_basic_reset;
    dc->realize = nrf51_basic_realize;
    dc->desc = "nRF51 peripheral with registers only";
    dc->vmsd = &vmstate_nrf51_basic;
    device_class_set_props(dc, nrf51_basic_properties);
}

static const TypeInfo nrf51_basic_types[] = {
    {
        .name = TYPE_NRF51_BASIC,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51BasicState),
        .class_init = nrf51_basic_class_init,
    },
};

DEFINE_TYPES(nrf51_basic_types)
