/*
 * nRF51 watchdog timer (WDT)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 25 (WDT).
 *
 * Once START has run, the watchdog counts down from CRV at 32.768 kHz
 * and cannot be stopped but by a reset.  Writing the reload value
 * 0x6E524635 to RR[n] marks that request register; when every register
 * enabled in RREN has been marked, the counter reloads.  When it
 * reaches zero, TIMEOUT is raised and, two 32.768 kHz cycles later,
 * the system resets with RESETREAS.DOG (the "reset" output, wired to
 * POWER).  CRV, RREN and CONFIG are locked while it runs.
 *
 * The CPU is never halted by a debugger here and sleep is not modelled
 * apart from the clock, so CONFIG.HALT and CONFIG.SLEEP are stored and
 * the watchdog always counts, as it does with SLEEP = 1.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hw/watchdog/nrf51_wdt.h"
#include "hw/arm/nrf51.h"
#include "hw/irq.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_START, 0x000)
REG32(EVENTS_TIMEOUT, 0x100)
REG32(RUNSTATUS, 0x400)
REG32(REQSTATUS, 0x404)
REG32(CRV, 0x504)
REG32(RREN, 0x508)
REG32(CONFIG, 0x50c)
REG32(RR0, 0x600)
REG32(RR7, 0x61c)
REG32(POWER, 0xffc)

#define EV_TIMEOUT          NRF51_EVENT(A_EVENTS_TIMEOUT)
#define WDT_RELOAD_VALUE    0x6e524635
#define WDT_CRV_MIN         0xf
#define LFCLK_HZ            32768

static int64_t nrf51_wdt_ticks_ns(uint64_t ticks)
{
    return muldiv64(ticks, NANOSECONDS_PER_SECOND, LFCLK_HZ);
}

static void nrf51_wdt_reload(NRF51WDTState *s)
{
    s->reqstatus = s->rren;
    s->timed_out = false;
    timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
              nrf51_wdt_ticks_ns((uint64_t)s->crv + 1));
}

static void nrf51_wdt_expire(void *opaque)
{
    NRF51WDTState *s = opaque;

    if (!s->timed_out) {
        trace_nrf51_wdt_timeout();
        s->timed_out = true;
        nrf51_events_fire(&s->events, EV_TIMEOUT);
        timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                  nrf51_wdt_ticks_ns(2));
        return;
    }
    qemu_irq_pulse(s->reset);
}

static uint64_t nrf51_wdt_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51WDTState *s = opaque;

    if (nrf51_events_claims(&s->events, offset)) {
        return nrf51_events_read(&s->events, offset);
    }
    switch (offset) {
    case A_TASKS_START:
    case A_RR0 ... A_RR7:
        return 0;
    case A_RUNSTATUS:
        return s->running;
    case A_REQSTATUS:
        return s->reqstatus;
    case A_CRV:
        return s->crv;
    case A_RREN:
        return s->rren;
    case A_CONFIG:
        return s->config;
    case A_POWER:
        return 1;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad read offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        return 0;
    }
}

static void nrf51_wdt_write(void *opaque, hwaddr offset, uint64_t value,
                            unsigned size)
{
    NRF51WDTState *s = opaque;

    if (nrf51_events_claims(&s->events, offset)) {
        nrf51_events_write(&s->events, offset, value);
        return;
    }
    if (s->running && (offset == A_CRV || offset == A_RREN ||
                       offset == A_CONFIG)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: 0x%" HWADDR_PRIx " is locked while running\n",
                      __func__, offset);
        return;
    }

    switch (offset) {
    case A_TASKS_START:
        if ((value & 1) && !s->running) {
            s->running = true;
            trace_nrf51_wdt_start(s->crv);
            nrf51_wdt_reload(s);
        }
        break;
    case A_CRV:
        if (value < WDT_CRV_MIN) {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: CRV below 0x%x\n",
                          __func__, WDT_CRV_MIN);
            value = WDT_CRV_MIN;
        }
        s->crv = value;
        break;
    case A_RREN:
        s->rren = value & 0xff;
        s->reqstatus = s->rren;
        break;
    case A_CONFIG:
        s->config = value & 0x9;
        break;
    case A_RR0 ... A_RR7:
        if (s->running && value == WDT_RELOAD_VALUE) {
            s->reqstatus &= ~(1u << ((offset - A_RR0) / 4));
            if (!s->reqstatus) {
                nrf51_wdt_reload(s);
            }
        }
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

static const MemoryRegionOps nrf51_wdt_ops = {
    .read = nrf51_wdt_read,
    .write = nrf51_wdt_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static void nrf51_wdt_reset_enter(Object *obj, ResetType type)
{
    NRF51WDTState *s = NRF51_WDT(obj);

    timer_del(s->timer);
    nrf51_events_reset(&s->events);
    s->running = false;
    s->timed_out = false;
    s->crv = 0xffffffff;
    s->rren = 1;
    s->reqstatus = 1;
    s->config = 1;
}

static void nrf51_wdt_reset_hold(Object *obj, ResetType type)
{
    nrf51_events_update_irq(&NRF51_WDT(obj)->events);
}

static void nrf51_wdt_realize(DeviceState *dev, Error **errp)
{
    NRF51WDTState *s = NRF51_WDT(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_wdt_expire, s);
}

static void nrf51_wdt_init(Object *obj)
{
    NRF51WDTState *s = NRF51_WDT(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_wdt_ops, s, TYPE_NRF51_WDT,
                          NRF51_PERIPHERAL_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    nrf51_events_init(&s->events, DEVICE(obj), 1u << EV_TIMEOUT);
    qdev_init_gpio_out_named(DEVICE(obj), &s->reset, NRF51_WDT_RESET, 1);
}

static const VMStateDescription vmstate_nrf51_wdt = {
    .name = TYPE_NRF51_WDT,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF51_EVENTS(events, NRF51WDTState),
        VMSTATE_TIMER_PTR(timer, NRF51WDTState),
        VMSTATE_BOOL(running, NRF51WDTState),
        VMSTATE_BOOL(timed_out, NRF51WDTState),
        VMSTATE_UINT32(crv, NRF51WDTState),
        VMSTATE_UINT32(rren, NRF51WDTState),
        VMSTATE_UINT32(config, NRF51WDTState),
        VMSTATE_UINT32(reqstatus, NRF51WDTState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf51_wdt_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = nrf51_wdt_realize;
    dc->desc = "nRF51 watchdog";
    dc->vmsd = &vmstate_nrf51_wdt;
    rc->phases.enter = nrf51_wdt_reset_enter;
    rc->phases.hold = nrf51_wdt_reset_hold;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_wdt_types[] = {
    {
        .name = TYPE_NRF51_WDT,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51WDTState),
        .instance_init = nrf51_wdt_init,
        .class_init = nrf51_wdt_class_init,
    },
};

DEFINE_TYPES(nrf51_wdt_types)
