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
 * The counter is not stepped tick by tick: it is computed from the
 * virtual clock, and a QEMU timer is armed for the next enabled event
 * only.  Events the timer finds overdue (e.g. after the VM was
 * stopped) are raised once each.
 *
 * Resolved ambiguities: writing PRESCALER while the RTC runs is
 * ignored, as the manual makes it writable only when stopped; a CC
 * equal to the current count fires when the counter next reaches it.
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
#define LFCLK_HZ            32768

static bool nrf51_rtc_counting(NRF51RTCState *s)
{
    return s->started && s->lfclk;
}

/* The unwrapped count at virtual time @now */
static uint64_t nrf51_rtc_ticks_at(NRF51RTCState *s, int64_t now)
{
    uint64_t lfclk_cycles;

    if (!nrf51_rtc_counting(s)) {
        return s->ticks;
    }
    lfclk_cycles = muldiv64(now - s->base_ns, LFCLK_HZ,
                            NANOSECONDS_PER_SECOND);
    return s->ticks + lfclk_cycles / (s->prescaler + 1);
}

/* The virtual time at which the count reaches @ticks, rounded up */
static int64_t nrf51_rtc_time_of(NRF51RTCState *s, uint64_t ticks)
{
    uint64_t cycles = (ticks - s->ticks) * (s->prescaler + 1);
    uint64_t ns = muldiv64(cycles, NANOSECONDS_PER_SECOND, LFCLK_HZ);

    /* LFCLK_HZ is 2^15: round up when the division left a remainder */
    if ((cycles * (NANOSECONDS_PER_SECOND % LFCLK_HZ)) % LFCLK_HZ) {
        ns++;
    }
    return s->base_ns + ns;
}

/* Freeze the count at @now, e.g. before the rate or the count changes */
static void nrf51_rtc_rebase(NRF51RTCState *s, int64_t now)
{
    s->ticks = nrf51_rtc_ticks_at(s, now);
    s->base_ns = now;
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

static void nrf51_rtc_event(NRF51RTCState *s, unsigned n)
{
    trace_nrf51_rtc_event(n, (uint32_t)s->seen & RTC_MASK);
    if (s->evten & (1u << n)) {
        nrf_peripheral_signal(&s->parent_obj, n);
    }
    s->parent_obj.events |= 1u << n;
    nrf_peripheral_update_irq(&s->parent_obj);
}

/* The first count after @from at which the counter reads @value */
static uint64_t nrf51_rtc_next_match(uint64_t from, uint32_t value)
{
    uint64_t delta = (value - (uint32_t)from) & RTC_MASK;

    return from + (delta ? delta : RTC_MASK + 1);
}

/* Raise the events due up to now, and arm the timer for the next one */
static void nrf51_rtc_update(NRF51RTCState *s)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint64_t ticks = nrf51_rtc_ticks_at(s, now);
    uint64_t next = UINT64_MAX;
    unsigned i;

    if (ticks > s->seen) {
        if (nrf51_rtc_enabled(s, EV_TICK)) {
            nrf51_rtc_event(s, EV_TICK);
        }
        if (nrf51_rtc_enabled(s, EV_OVRFLW) &&
            nrf51_rtc_next_match(s->seen, 0) <= ticks) {
            nrf51_rtc_event(s, EV_OVRFLW);
        }
        for (i = 0; i < s->num_cc; i++) {
            if (nrf51_rtc_enabled(s, EV_COMPARE(i)) &&
                nrf51_rtc_next_match(s->seen, s->cc[i]) <= ticks) {
                nrf51_rtc_event(s, EV_COMPARE(i));
            }
        }
    }
    s->seen = ticks;

    if (!nrf51_rtc_counting(s)) {
        timer_del(s->timer);
        return;
    }
    /* Wake up only for what an interrupt or a PPI channel waits for */
    if (nrf51_rtc_wanted(s, EV_TICK)) {
        next = ticks + 1;
    }
    if (nrf51_rtc_wanted(s, EV_OVRFLW)) {
        next = MIN(next, nrf51_rtc_next_match(ticks, 0));
    }
    for (i = 0; i < s->num_cc; i++) {
        if (nrf51_rtc_wanted(s, EV_COMPARE(i))) {
            next = MIN(next, nrf51_rtc_next_match(ticks, s->cc[i]));
        }
    }
    if (next == UINT64_MAX) {
        timer_del(s->timer);
    } else {
        int64_t when = nrf51_rtc_time_of(s, next);

        /* Re-arming wakes the main loop: not for the same deadline */
        if (!timer_pending(s->timer) ||
            timer_expire_time_ns(s->timer) != when) {
            timer_mod(s->timer, when);
        }
    }
}

static void nrf51_rtc_timer_cb(void *opaque)
{
    nrf51_rtc_update(opaque);
}

/* Set the counter to @value, as CLEAR and TRIGOVRFLW do */
static void nrf51_rtc_set_counter(NRF51RTCState *s, uint32_t value)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint64_t ticks;

    nrf51_rtc_update(s);
    ticks = nrf51_rtc_ticks_at(s, now);
    /* Keep the count monotonic: move to the next count reading @value */
    s->ticks = (ticks & ~(uint64_t)RTC_MASK) + value;
    if (s->ticks < ticks) {
        s->ticks += RTC_MASK + 1;
    }
    s->base_ns = now;
    s->seen = s->ticks;
    nrf51_rtc_update(s);
}

/* Start or stop counting as START/STOP and the LFCLK decide */
static void nrf51_rtc_set_counting(NRF51RTCState *s, bool started,
                                   bool lfclk)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    nrf51_rtc_update(s);
    nrf51_rtc_rebase(s, now);
    s->started = started;
    s->lfclk = lfclk;
    nrf51_rtc_update(s);
}

/* The LFCLK started, stopped or changed */
static void nrf51_rtc_clock_changed(NRFPeripheralState *p)
{
    NRF51RTCState *s = container_of(p, NRF51RTCState, parent_obj);
    bool lfclk = nrf_peripheral_clock_hz(p) != 0;

    if (s->lfclk != lfclk) {
        nrf51_rtc_set_counting(s, s->started, lfclk);
    }
}

static void nrf51_rtc_sync(NRFPeripheralState *p)
{
    nrf51_rtc_update(container_of(p, NRF51RTCState, parent_obj));
}

static void nrf51_rtc_task(NRFPeripheralState *p, unsigned n)
{
    NRF51RTCState *s = container_of(p, NRF51RTCState, parent_obj);

    switch (n) {
    case NRF_TASK(A_TASKS_START):
        nrf51_rtc_set_counting(s, true, s->lfclk);
        break;
    case NRF_TASK(A_TASKS_STOP):
        nrf51_rtc_set_counting(s, false, s->lfclk);
        break;
    case NRF_TASK(A_TASKS_CLEAR):
        nrf51_rtc_set_counter(s, 0);
        break;
    case NRF_TASK(A_TASKS_TRIGOVRFLW):
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
        r = s->cc[(offset - A_CC0) / 4];
    } else {
        switch (offset) {
        case A_EVTEN:
        case A_EVTENSET:
        case A_EVTENCLR:
            r = s->evten;
            break;
        case A_COUNTER:
            r = nrf51_rtc_ticks_at(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL))
                & RTC_MASK;
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
        nrf51_rtc_update(s);
        s->cc[(offset - A_CC0) / 4] = value & RTC_MASK;
        nrf51_rtc_update(s);
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
        if (s->started) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: PRESCALER written while running\n", __func__);
            break;
        }
        s->prescaler = value & RTC_PRESCALER_MASK;
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
    s->started = false;
    s->evten = 0;
    s->prescaler = 0;
    memset(s->cc, 0, sizeof(s->cc));
    s->ticks = 0;
    s->seen = 0;
    s->base_ns = 0;
    /* The LFCLK is the CLOCK block's and survives reset */
    s->lfclk = nrf_peripheral_clock_hz(p) != 0;
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
    return 0;
}

static const VMStateDescription vmstate_nrf51_rtc = {
    .name = TYPE_NRF51_RTC,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf51_rtc_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51RTCState),
        VMSTATE_TIMER_PTR(timer, NRF51RTCState),
        VMSTATE_BOOL(started, NRF51RTCState),
        VMSTATE_BOOL(lfclk, NRF51RTCState),
        VMSTATE_UINT32(evten, NRF51RTCState),
        VMSTATE_UINT32(prescaler, NRF51RTCState),
        VMSTATE_UINT32_ARRAY(cc, NRF51RTCState, NRF51_RTC_MAX_CC),
        VMSTATE_UINT64(ticks, NRF51RTCState),
        VMSTATE_INT64(base_ns, NRF51RTCState),
        VMSTATE_UINT64(seen, NRF51RTCState),
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
