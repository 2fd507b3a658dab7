/*
 * nRF51 real-time counter (RTC)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 19 (RTC).
 *
 * A 24-bit counter clocked by the 32.768 kHz LFCLK through a 12-bit
 * prescaler: f = 32768 / (PRESCALER + 1).  It counts only between
 * START and STOP, and only while the LFCLK runs (its "clk" input).
 * It raises TICK on every increment, OVRFLW when it wraps to zero and
 * COMPARE[n] when it reaches CC[n].  As the manual describes, an
 * event is only generated when INTEN or EVTEN enables it; EVTEN routes
 * it to the PPI, INTEN to the interrupt.  RTC0 has three CC registers
 * and RTC1 four ("num-cc").
 *
 * The counter is not stepped tick by tick: the counter engine shared
 * with the TIMER (nrf_counter.c) computes it from the virtual clock,
 * and a QEMU timer is armed for the next wanted event only.  However
 * late the timer runs (e.g. after the VM was stopped), each event is
 * raised, and signalled to the PPI as often as it happened, up to a
 * bound (nrf_counter_pulses); the interrupt is a level.
 *
 * Resolved ambiguities: writing PRESCALER while the RTC runs is
 * ignored, as the manual makes it writable only when stopped.  The
 * manual says that writing N or N + 1 to CC while the counter reads N
 * may not trigger COMPARE: here N + 1 matches at the next tick and N
 * when the counter next comes round, unless the emulation policy for
 * late CC writes described in nrf_counter.c applies (a CC moved
 * forward onto a count passed less than a second ago matches at once).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "hw/timer/nrf51_rtc.h"
#include "hw/qdev-properties.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_START, 0x000)
REG32(TASKS_STOP, 0x004)
REG32(TASKS_CLEAR, 0x008)
REG32(TASKS_TRIGOVRFLW, 0x00c)
REG32(EVENTS_TICK, 0x100)
REG32(EVENTS_OVRFLW, 0x104)
REG32(EVENTS_COMPARE0, 0x140)
REG32(EVTEN, 0x340)
REG32(EVTENSET, 0x344)
REG32(EVTENCLR, 0x348)
REG32(COUNTER, 0x504)
REG32(PRESCALER, 0x508)
REG32(CC0, 0x540)

#define EV_TICK             NRF_EVENT(A_EVENTS_TICK)
#define EV_OVRFLW           NRF_EVENT(A_EVENTS_OVRFLW)
#define EV_COMPARE(n)       (NRF_EVENT(A_EVENTS_COMPARE0) + (n))

#define RTC_BITS            24
#define RTC_MASK            ((1u << RTC_BITS) - 1)
#define RTC_PRESCALER_MASK  0xfff

static int64_t nrf51_rtc_now(void)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

/* The tick rate as the LFCLK and PRESCALER set it, from now on */
static void nrf51_rtc_set_rate(NRF51RTCState *s)
{
    nrf_counter_set_rate(&s->counter, nrf51_rtc_now(),
                         nrf_peripheral_clock_hz(&s->parent_obj),
                         s->prescaler + 1);
}

/* Is event @n generated at all (INTEN or EVTEN)? */
static bool nrf51_rtc_enabled(NRF51RTCState *s, unsigned n)
{
    return (s->parent_obj.inten | s->evten) & (1u << n);
}

/* Must event @n be raised on time, rather than when it is read? */
static bool nrf51_rtc_wanted(NRF51RTCState *s, unsigned n)
{
    return (s->parent_obj.inten | (s->evten & s->parent_obj.routed)) &
           (1u << n);
}

/*
 * Event @n happened @count times: raise it if INTEN or EVTEN allow.
 * Each occurrence goes to the PPI if EVTEN allows and @routed: if a PPI
 * channel listened to it since the last update (so the timer was
 * armed for it).  An occurrence found lazily, while nothing listened,
 * must not reach a channel enabled since.
 */
static void nrf51_rtc_event(NRF51RTCState *s, unsigned n, uint64_t count,
                            uint32_t routed)
{
    uint64_t pulses = nrf_counter_pulses(count);

    if (!count || !nrf51_rtc_enabled(s, n)) {
        return;
    }
    trace_nrf51_rtc_event(n, count);
    if (s->evten & routed & (1u << n)) {
        while (pulses--) {
            nrf_peripheral_signal(&s->parent_obj, n);
        }
    }
    s->parent_obj.events |= 1u << n;
    nrf_peripheral_update_irq(&s->parent_obj);
}

/* Raise the events due up to now, and arm the timer for the next one */
static void nrf51_rtc_update(NRF51RTCState *s)
{
    NRFCounterEvents ev;
    uint32_t routed = s->routed_before;
    uint32_t wanted = 0;
    int64_t when;
    unsigned i;

    nrf_counter_advance(&s->counter, nrf51_rtc_now(), &ev);
    s->routed_before = s->parent_obj.routed;
    nrf51_rtc_event(s, EV_TICK, ev.ticks, routed);
    nrf51_rtc_event(s, EV_OVRFLW, ev.overflow, routed);
    for (i = 0; i < s->num_cc; i++) {
        nrf51_rtc_event(s, EV_COMPARE(i), ev.compare[i], routed);
        if (nrf51_rtc_wanted(s, EV_COMPARE(i))) {
            wanted |= 1u << i;
        }
    }

    /* Wake up only for what an interrupt or a PPI channel waits for */
    when = nrf_counter_deadline(&s->counter, wanted,
                                nrf51_rtc_wanted(s, EV_OVRFLW),
                                nrf51_rtc_wanted(s, EV_TICK));
    if (when == INT64_MAX) {
        timer_del(s->timer);
    } else if (!timer_pending(s->timer) ||
               timer_expire_time_ns(s->timer) != when) {
        /* Re-arming wakes the main loop: not for the same deadline */
        timer_mod(s->timer, when);
    }
}

static void nrf51_rtc_timer_cb(void *opaque)
{
    nrf51_rtc_update(opaque);
}

/* Set the counter to @value, as CLEAR and TRIGOVRFLW do */
static void nrf51_rtc_set_counter(NRF51RTCState *s, uint32_t value)
{
    nrf51_rtc_update(s);
    nrf_counter_set_value(&s->counter, value);
    nrf51_rtc_update(s);
}

/* Late CC writes match at once for up to a second: see nrf_counter.c */
#define RTC_LATE_NS     NANOSECONDS_PER_SECOND

static void nrf51_rtc_set_cc(NRF51RTCState *s, unsigned n, uint32_t value)
{
    nrf51_rtc_update(s);
    if (nrf_counter_set_cc(&s->counter, n, value & RTC_MASK, RTC_LATE_NS)) {
        trace_nrf51_rtc_late(n, value & RTC_MASK);
        nrf51_rtc_event(s, EV_COMPARE(n), 1, UINT32_MAX);
    }
    nrf51_rtc_update(s);
}

static void nrf51_rtc_set_running(NRF51RTCState *s, bool running)
{
    nrf51_rtc_update(s);
    nrf_counter_set_running(&s->counter, nrf51_rtc_now(), running);
    nrf51_rtc_update(s);
}

/* The LFCLK started, stopped or changed */
static void nrf51_rtc_clock_changed(NRFPeripheralState *p)
{
    NRF51RTCState *s = container_of(p, NRF51RTCState, parent_obj);

    nrf51_rtc_update(s);
    nrf51_rtc_set_rate(s);
    nrf51_rtc_update(s);
}

static void nrf51_rtc_sync(NRFPeripheralState *p)
{
    nrf51_rtc_update(container_of(p, NRF51RTCState, parent_obj));
}

static void nrf51_rtc_task(NRFPeripheralState *p, unsigned n)
{
    NRF51RTCState *s = container_of(p, NRF51RTCState, parent_obj);

    switch (NRF_TASKS_BASE + 4 * n) {
    case A_TASKS_START:
        nrf51_rtc_set_running(s, true);
        break;
    case A_TASKS_STOP:
        nrf51_rtc_set_running(s, false);
        break;
    case A_TASKS_CLEAR:
        nrf51_rtc_set_counter(s, 0);
        break;
    case A_TASKS_TRIGOVRFLW:
        nrf51_rtc_set_counter(s, 0xfffff0);
        break;
    }
}

static bool nrf51_rtc_is_cc(NRF51RTCState *s, hwaddr offset)
{
    return offset >= A_CC0 && offset < A_CC0 + 4 * s->num_cc;
}

static uint64_t nrf51_rtc_read(NRFPeripheralState *p, hwaddr offset,
                               unsigned size)
{
    NRF51RTCState *s = container_of(p, NRF51RTCState, parent_obj);
    uint64_t r;

    if (nrf51_rtc_is_cc(s, offset)) {
        r = s->counter.cc[(offset - A_CC0) / 4];
    } else {
        switch (offset) {
        case A_EVTEN:
        case A_EVTENSET:
        case A_EVTENCLR:
            r = s->evten;
            break;
        case A_COUNTER:
            r = nrf_counter_value(&s->counter, nrf51_rtc_now());
            break;
        case A_PRESCALER:
            r = s->prescaler;
            break;
        default:
            nrf_peripheral_bad_offset(p, offset, false);
            r = 0;
            break;
        }
    }

    trace_nrf51_rtc_read(offset, r);
    return r;
}

static void nrf51_rtc_write(NRFPeripheralState *p, hwaddr offset,
                            uint64_t value, unsigned size)
{
    NRF51RTCState *s = container_of(p, NRF51RTCState, parent_obj);

    trace_nrf51_rtc_write(offset, value);

    if (nrf51_rtc_is_cc(s, offset)) {
        nrf51_rtc_set_cc(s, (offset - A_CC0) / 4, value);
        return;
    }

    switch (offset) {
    case A_EVTEN:
    case A_EVTENSET:
    case A_EVTENCLR:
        nrf51_rtc_update(s);
        if (offset == A_EVTEN) {
            s->evten = value & p->event_mask;
        } else if (offset == A_EVTENSET) {
            s->evten |= value & p->event_mask;
        } else {
            s->evten &= ~value;
        }
        nrf51_rtc_update(s);
        break;
    case A_PRESCALER:
        if (s->counter.running) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: PRESCALER written while running\n", __func__);
            break;
        }
        s->prescaler = value & RTC_PRESCALER_MASK;
        nrf51_rtc_set_rate(s);
        break;
    case A_COUNTER:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: COUNTER is read-only\n",
                      __func__);
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

static void nrf51_rtc_reset(NRFPeripheralState *p)
{
    NRF51RTCState *s = container_of(p, NRF51RTCState, parent_obj);

    timer_del(s->timer);
    s->evten = 0;
    s->prescaler = 0;
    s->routed_before = 0;
    nrf_counter_reset(&s->counter, RTC_BITS, s->num_cc);
    /* The LFCLK is the CLOCK block's, and survives reset */
    nrf_counter_set_rate(&s->counter, 0, nrf_peripheral_clock_hz(p), 1);
}

static void nrf51_rtc_realize(DeviceState *dev, Error **errp)
{
    NRF51RTCState *s = NRF51_RTC(dev);
    unsigned i;

    if (s->num_cc < 1 || s->num_cc > NRF51_RTC_MAX_CC) {
        error_setg(errp, "num-cc must be 1 to %d", NRF51_RTC_MAX_CC);
        return;
    }
    for (i = s->num_cc; i < NRF51_RTC_MAX_CC; i++) {
        s->parent_obj.event_mask &= ~(1u << EV_COMPARE(i));
    }
    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_rtc_timer_cb, s);
}

static int nrf51_rtc_post_load(void *opaque, int version_id)
{
    NRF51RTCState *s = opaque;

    if (s->prescaler > RTC_PRESCALER_MASK) {
        return -EINVAL;
    }
    /* Not migrated: let the first update signal what the PPI routes */
    s->routed_before = UINT32_MAX;
    return 0;
}

static const VMStateDescription vmstate_nrf51_rtc = {
    .name = TYPE_NRF51_RTC,
    .version_id = 2,
    .minimum_version_id = 2,
    .post_load = nrf51_rtc_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51RTCState),
        VMSTATE_TIMER_PTR(timer, NRF51RTCState),
        VMSTATE_UINT32(evten, NRF51RTCState),
        VMSTATE_UINT32(prescaler, NRF51RTCState),
        VMSTATE_NRF_COUNTER(counter, NRF51RTCState),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_rtc_properties[] = {
    DEFINE_PROP_UINT32("num-cc", NRF51RTCState, num_cc, NRF51_RTC_MAX_CC),
};

static void nrf51_rtc_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_RTC;
    pc->tasks = MAKE_64BIT_MASK(NRF_TASK(A_TASKS_START), 4);
    pc->events = BIT(EV_TICK) | BIT(EV_OVRFLW) |
                 MAKE_64BIT_MASK(EV_COMPARE(0), NRF51_RTC_MAX_CC);
    pc->has_power = true;
    pc->task = nrf51_rtc_task;
    pc->read = nrf51_rtc_read;
    pc->write = nrf51_rtc_write;
    pc->sync = nrf51_rtc_sync;
    pc->wanted_changed = nrf51_rtc_sync;
    pc->clock_changed = nrf51_rtc_clock_changed;
    pc->reset = nrf51_rtc_reset;
    dc->realize = nrf51_rtc_realize;
    dc->desc = "nRF51 real-time counter";
    dc->vmsd = &vmstate_nrf51_rtc;
    device_class_set_props(dc, nrf51_rtc_properties);
}

static const TypeInfo nrf51_rtc_types[] = {
    {
        .name = TYPE_NRF51_RTC,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51RTCState),
        .class_init = nrf51_rtc_class_init,
    },
};

DEFINE_TYPES(nrf51_rtc_types)
