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
 * Clock: the watchdog runs from the LFCLK, and starting it forces the
 * 32.768 kHz RC oscillator on if the LFCLK is not running (RM 25), so
 * it counts at 32.768 kHz whatever the CLOCK block's LFCLK does: the
 * SoC connects the LFCLK to its "clk" input, but the rate does not
 * follow it, as the LFCLK is either 32.768 kHz or stopped, and stopped
 * is replaced by the RC oscillator while the watchdog runs.
 *
 * POWER reads 1 and ignores writes: a running watchdog is stopped by a
 * reset only.
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

#define EV_TIMEOUT          NRF_EVENT(A_EVENTS_TIMEOUT)
#define WDT_RELOAD_VALUE    0x6e524635
#define WDT_CRV_MIN         0xf
/* The RC oscillator the watchdog forces on, or the LFCLK */
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
        nrf_peripheral_event(&s->parent_obj, EV_TIMEOUT);
        timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                  nrf51_wdt_ticks_ns(2));
        return;
    }
    qemu_irq_pulse(s->reset);
}

static void nrf51_wdt_task(NRFPeripheralState *p, unsigned n)
{
    NRF51WDTState *s = container_of(p, NRF51WDTState, parent_obj);

    switch (n) {
    case NRF_TASK(A_TASKS_START):
        if (!s->running) {
            s->running = true;
            trace_nrf51_wdt_start(s->crv);
            nrf51_wdt_reload(s);
        }
        break;
    }
}

static uint64_t nrf51_wdt_read(NRFPeripheralState *p, hwaddr offset,
                               unsigned size)
{
    NRF51WDTState *s = container_of(p, NRF51WDTState, parent_obj);

    switch (offset) {
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
        nrf_peripheral_bad_offset(p, offset, false);
        return 0;
    }
}

static void nrf51_wdt_write(NRFPeripheralState *p, hwaddr offset,
                            uint64_t value, unsigned size)
{
    NRF51WDTState *s = container_of(p, NRF51WDTState, parent_obj);

    if (s->running && (offset == A_CRV || offset == A_RREN ||
                       offset == A_CONFIG)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: 0x%" HWADDR_PRIx " is locked while running\n",
                      __func__, offset);
        return;
    }

    switch (offset) {
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
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

static void nrf51_wdt_reset(NRFPeripheralState *p)
{
    NRF51WDTState *s = container_of(p, NRF51WDTState, parent_obj);

    timer_del(s->timer);
    s->running = false;
    s->timed_out = false;
    s->crv = 0xffffffff;
    s->rren = 1;
    s->reqstatus = 1;
    s->config = 1;
}

static void nrf51_wdt_realize(DeviceState *dev, Error **errp)
{
    NRF51WDTState *s = NRF51_WDT(dev);

    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_wdt_expire, s);
}

static void nrf51_wdt_init(Object *obj)
{
    NRF51WDTState *s = NRF51_WDT(obj);

    qdev_init_gpio_out_named(DEVICE(obj), &s->reset, NRF51_WDT_RESET, 1);
}

static const VMStateDescription vmstate_nrf51_wdt = {
    .name = TYPE_NRF51_WDT,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51WDTState),
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
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_WDT;
    pc->tasks = BIT(NRF_TASK(A_TASKS_START));
    pc->events = BIT(EV_TIMEOUT);
    /* POWER is the watchdog's own: see above */
    pc->has_power = false;
    pc->task = nrf51_wdt_task;
    pc->read = nrf51_wdt_read;
    pc->write = nrf51_wdt_write;
    pc->reset = nrf51_wdt_reset;
    dc->realize = nrf51_wdt_realize;
    dc->desc = "nRF51 watchdog";
    dc->vmsd = &vmstate_nrf51_wdt;
}

static const TypeInfo nrf51_wdt_types[] = {
    {
        .name = TYPE_NRF51_WDT,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51WDTState),
        .instance_init = nrf51_wdt_init,
        .class_init = nrf51_wdt_class_init,
    },
};

DEFINE_TYPES(nrf51_wdt_types)
