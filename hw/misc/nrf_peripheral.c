/*
 * Nordic nRF5 peripheral: the register frame every peripheral shares
 *
 * See include/hw/misc/nrf_peripheral.h for the frame and the lines.
 *
 * Resolved ambiguities:
 * - Writing 1 to an EVENTS register does nothing, writing 0 clears it
 *   (nRF51 RM 9.1.3: events are set by the hardware only).
 * - A write to a TASKS register triggers the task when bit 0 is set;
 *   a task that does not exist is logged as a guest error.
 * - POWER (nRF51 RM 9.1.7): writing 0 switches the peripheral off,
 *   which returns its registers to their reset values; it stays
 *   readable and writable, and writing 1 switches it on again.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/misc/nrf_peripheral.h"
#include "hw/qdev-clock.h"
#include "hw/qdev-core.h"
#include "hw/resettable.h"
#include "migration/vmstate.h"
#include "trace.h"

static NRFPeripheralClass *nrf_get_class(NRFPeripheralState *s)
{
    /* Unchecked: this runs on every register access */
    return (NRFPeripheralClass *)object_get_class(OBJECT(s));
}

void nrf_peripheral_bad_offset(NRFPeripheralState *s, hwaddr offset,
                               bool write)
{
    qemu_log_mask(LOG_GUEST_ERROR, "%s: bad %s offset 0x%03" HWADDR_PRIx
                  "\n", nrf_get_class(s)->name, write ? "write" : "read",
                  offset);
}

void nrf_peripheral_event(NRFPeripheralState *s, unsigned n)
{
    trace_nrf_peripheral_event(nrf_get_class(s)->name, n);
    s->events |= 1u << n;
    qemu_irq_pulse(s->event_out[n]);
    nrf_peripheral_update_irq(s);
}

static void nrf_peripheral_task(NRFPeripheralState *s, unsigned n)
{
    NRFPeripheralClass *pc = nrf_get_class(s);

    if (!(s->task_mask & (1u << n)) || !pc->task) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: no task %u (offset 0x%03x)\n",
                      pc->name, n, NRF_TASKS_BASE + 4 * n);
        return;
    }
    trace_nrf_peripheral_task(pc->name, n);
    pc->task(s, n);
}

static void nrf_peripheral_sync(NRFPeripheralState *s,
                                NRFPeripheralClass *pc)
{
    if (pc->sync) {
        pc->sync(s);
    }
}

static void nrf_peripheral_wanted_changed(NRFPeripheralState *s,
                                          NRFPeripheralClass *pc)
{
    if (pc->wanted_changed) {
        pc->wanted_changed(s);
    }
}

/*
 * Switched off: the peripheral returns to its reset state, IRQ
 * included.  Only the peripheral: not the devices on a bus it drives
 * (the TWI's sensors), as a reset of the device tree would.
 */
static void nrf_peripheral_power_off(NRFPeripheralState *s)
{
    ResettableClass *rc = RESETTABLE_GET_CLASS(s);

    rc->phases.enter(OBJECT(s), RESET_TYPE_COLD);
    rc->phases.hold(OBJECT(s), RESET_TYPE_COLD);
}

static uint64_t nrf_peripheral_read(void *opaque, hwaddr offset,
                                    unsigned size)
{
    NRFPeripheralState *s = opaque;
    NRFPeripheralClass *pc = nrf_get_class(s);
    uint64_t r;

    if (offset < NRF_TASKS_END && (s->task_mask & (1u << NRF_TASK(offset)))) {
        /* Tasks read as 0 */
        r = 0;
    } else if (offset >= NRF_EVENTS_BASE && offset < NRF_EVENTS_END &&
               (s->event_mask & (1u << NRF_EVENT(offset)))) {
        nrf_peripheral_sync(s, pc);
        r = (s->events >> NRF_EVENT(offset)) & 1;
    } else if (offset == NRF_SHORTS && pc->shorts) {
        r = s->shorts;
    } else if (pc->events && (offset == NRF_INTEN ||
                              offset == NRF_INTENSET ||
                              offset == NRF_INTENCLR)) {
        r = s->inten;
    } else if (offset == NRF_POWER && pc->has_power) {
        r = s->power;
    } else if (pc->read) {
        return pc->read(s, offset, size);
    } else {
        nrf_peripheral_bad_offset(s, offset, false);
        r = 0;
    }
    trace_nrf_peripheral_read(pc->name, offset, r);
    return r;
}

static void nrf_peripheral_write(void *opaque, hwaddr offset, uint64_t value,
                                 unsigned size)
{
    NRFPeripheralState *s = opaque;
    NRFPeripheralClass *pc = nrf_get_class(s);

    if (offset < NRF_TASKS_END && (s->task_mask & (1u << NRF_TASK(offset)))) {
        trace_nrf_peripheral_write(pc->name, offset, value);
        if (value & 1) {
            nrf_peripheral_task(s, NRF_TASK(offset));
        }
    } else if (offset >= NRF_EVENTS_BASE && offset < NRF_EVENTS_END &&
               (s->event_mask & (1u << NRF_EVENT(offset)))) {
        trace_nrf_peripheral_write(pc->name, offset, value);
        nrf_peripheral_sync(s, pc);
        if (!(value & 1)) {
            s->events &= ~(1u << NRF_EVENT(offset));
        }
        nrf_peripheral_update_irq(s);
    } else if (offset == NRF_SHORTS && pc->shorts) {
        trace_nrf_peripheral_write(pc->name, offset, value);
        nrf_peripheral_sync(s, pc);
        s->shorts = value & pc->shorts;
        nrf_peripheral_wanted_changed(s, pc);
    } else if (pc->events && (offset == NRF_INTEN ||
                              offset == NRF_INTENSET ||
                              offset == NRF_INTENCLR)) {
        uint32_t old = s->inten;

        trace_nrf_peripheral_write(pc->name, offset, value);
        nrf_peripheral_sync(s, pc);
        if (offset == NRF_INTEN) {
            s->inten = value & s->event_mask;
        } else if (offset == NRF_INTENSET) {
            s->inten |= value & s->event_mask;
        } else {
            s->inten &= ~value;
        }
        nrf_peripheral_update_irq(s);
        if (s->inten != old) {
            nrf_peripheral_wanted_changed(s, pc);
        }
    } else if (offset == NRF_POWER && pc->has_power) {
        trace_nrf_peripheral_write(pc->name, offset, value);
        if (!(value & 1)) {
            nrf_peripheral_power_off(s);
        }
        s->power = value & 1;
    } else if (pc->write) {
        pc->write(s, offset, value, size);
    } else {
        nrf_peripheral_bad_offset(s, offset, true);
    }
}

static const MemoryRegionOps nrf_peripheral_ops = {
    .read = nrf_peripheral_read,
    .write = nrf_peripheral_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static void nrf_peripheral_task_in(void *opaque, int n, int level)
{
    if (level) {
        nrf_peripheral_task(opaque, n);
    }
}

static void nrf_peripheral_routed_in(void *opaque, int n, int level)
{
    NRFPeripheralState *s = opaque;
    uint32_t old = s->routed;

    if (level) {
        s->routed |= 1u << n;
    } else {
        s->routed &= ~(1u << n);
    }
    if (s->routed != old) {
        nrf_peripheral_wanted_changed(s, nrf_get_class(s));
    }
}

static void nrf_peripheral_clock_update(void *opaque, ClockEvent event)
{
    NRFPeripheralState *s = opaque;
    NRFPeripheralClass *pc = nrf_get_class(s);

    if (pc->clock_changed) {
        pc->clock_changed(s);
    }
}

static void nrf_peripheral_reset_enter(Object *obj, ResetType type)
{
    NRFPeripheralState *s = NRF_PERIPHERAL(obj);

    NRFPeripheralClass *pc = NRF_PERIPHERAL_GET_CLASS(obj);

    /* "routed" follows the PPI's lines, which the PPI's reset drives */
    s->events = 0;
    s->inten = 0;
    s->shorts = 0;
    s->power = 1;
    if (pc->reset) {
        pc->reset(s);
    }
}

static void nrf_peripheral_reset_hold(Object *obj, ResetType type)
{
    NRFPeripheralState *s = NRF_PERIPHERAL(obj);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_GET_CLASS(obj);

    nrf_peripheral_update_irq(s);
    if (pc->reset_hold) {
        pc->reset_hold(s);
    }
}

static void nrf_peripheral_init(Object *obj)
{
    NRFPeripheralState *s = NRF_PERIPHERAL(obj);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_GET_CLASS(obj);
    DeviceState *dev = DEVICE(obj);

    s->task_mask = pc->tasks;
    s->event_mask = pc->events;
    memory_region_init_io(&s->mmio, obj, &nrf_peripheral_ops, s, pc->name,
                          NRF_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
    qdev_init_gpio_out_named(dev, s->event_out, NRF_EVENT_GPIO,
                             NRF_MAX_EVENTS);
    qdev_init_gpio_in_named(dev, nrf_peripheral_task_in, NRF_TASK_GPIO,
                            NRF_MAX_TASKS);
    qdev_init_gpio_in_named(dev, nrf_peripheral_routed_in, NRF_ROUTED_GPIO,
                            NRF_MAX_EVENTS);
    s->clk = qdev_init_clock_in(dev, NRF_CLOCK_IN,
                                nrf_peripheral_clock_update, s,
                                ClockUpdate);
}

const VMStateDescription vmstate_nrf_peripheral = {
    .name = TYPE_NRF_PERIPHERAL,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(events, NRFPeripheralState),
        VMSTATE_UINT32(inten, NRFPeripheralState),
        VMSTATE_UINT32(shorts, NRFPeripheralState),
        VMSTATE_UINT32(power, NRFPeripheralState),
        VMSTATE_UINT32(routed, NRFPeripheralState),
        VMSTATE_CLOCK(clk, NRFPeripheralState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf_peripheral_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    rc->phases.enter = nrf_peripheral_reset_enter;
    rc->phases.hold = nrf_peripheral_reset_hold;
    /* Reason: a part of the SoC, wired by it */
    dc->user_creatable = false;
}

static const TypeInfo nrf_peripheral_types[] = {
    {
        .name = TYPE_NRF_PERIPHERAL,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRFPeripheralState),
        .instance_init = nrf_peripheral_init,
        .class_size = sizeof(NRFPeripheralClass),
        .class_init = nrf_peripheral_class_init,
        .abstract = true,
    },
};

DEFINE_TYPES(nrf_peripheral_types)
