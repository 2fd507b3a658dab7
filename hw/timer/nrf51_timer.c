/*
 * nRF51 timer/counter (TIMER)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 18 (TIMER).
 *
 * In timer mode the counter increments at 16 MHz / 2^PRESCALER between
 * START and STOP; in counter mode it increments on each COUNT task.
 * BITMODE sets its width (16, 8, 24 or 32 bits), limited by the
 * instance: TIMER0 is 32 bits wide, TIMER1 and TIMER2 16 bits
 * ("max-bits"), so a wider BITMODE on those counts in 16 bits.
 * COMPARE[n] is raised when the counter reaches CC[n], and SHORTS can
 * clear or stop the timer on it.  CAPTURE[n] copies the counter into
 * CC[n].  SHUTDOWN stops the timer like STOP.
 *
 * As with the RTC, the counter is computed from the virtual clock and
 * a QEMU timer is armed for the next compare match only.
 *
 * Resolved ambiguities: PRESCALER values above 9 count as 9, as the
 * manual allows only 0-9; MODE, BITMODE and PRESCALER may change while
 * running and take effect from that moment.  A CC written just behind
 * the counter matches at once (see nrf51_timer_late_compare).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "hw/timer/nrf51_timer.h"
#include "hw/qdev-properties.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(TASKS_START, 0x000)
REG32(TASKS_STOP, 0x004)
REG32(TASKS_COUNT, 0x008)
REG32(TASKS_CLEAR, 0x00c)
REG32(TASKS_SHUTDOWN, 0x010)
REG32(TASKS_CAPTURE0, 0x040)
REG32(TASKS_CAPTURE3, 0x04c)
REG32(EVENTS_COMPARE0, 0x140)
REG32(SHORTS, 0x200)
REG32(MODE, 0x504)
REG32(BITMODE, 0x508)
REG32(PRESCALER, 0x510)
REG32(CC0, 0x540)
REG32(CC3, 0x54c)
/* Undocumented; written by the workaround for nRF51 anomaly 73 */
REG32(ERRATA73, 0xc0c)

#define EV_COMPARE(n)           (NRF_EVENT(A_EVENTS_COMPARE0) + (n))
#define SHORT_CLEAR(n)          (1u << (n))
#define SHORT_STOP(n)           (1u << (8 + (n)))
#define SHORTS_CLEAR_MASK       0x000f
#define SHORTS_STOP_MASK        0x0f00
#define TIMER_SHORTS_MASK       (SHORTS_CLEAR_MASK | SHORTS_STOP_MASK)

#define TIMER_MODE_COUNTER      1
#define TIMER_PRESCALER_MAX     9
#define HFCLK_HZ                16000000

static unsigned nrf51_timer_bits(NRF51TimerState *s)
{
    static const unsigned bitmode_bits[] = { 16, 8, 24, 32 };

    return MIN(bitmode_bits[s->bitmode & 3], s->max_bits);
}

static uint64_t nrf51_timer_mask(NRF51TimerState *s)
{
    return (1ULL << nrf51_timer_bits(s)) - 1;
}

static bool nrf51_timer_ticking(NRF51TimerState *s)
{
    return s->running && s->mode != TIMER_MODE_COUNTER;
}

static unsigned nrf51_timer_prescaler(NRF51TimerState *s)
{
    return MIN(s->prescaler, TIMER_PRESCALER_MAX);
}

static uint64_t nrf51_timer_ticks_at(NRF51TimerState *s, int64_t now)
{
    if (!nrf51_timer_ticking(s)) {
        return s->ticks;
    }
    return s->ticks + (muldiv64(now - s->base_ns, HFCLK_HZ,
                                NANOSECONDS_PER_SECOND) >>
                       nrf51_timer_prescaler(s));
}

/* The virtual time at which the count reaches @ticks, rounded up */
static int64_t nrf51_timer_time_of(NRF51TimerState *s, uint64_t ticks)
{
    /* One HFCLK cycle is 62.5 ns */
    uint64_t cycles = (ticks - s->ticks) << nrf51_timer_prescaler(s);

    return s->base_ns + (cycles * 125 + 1) / 2;
}

static void nrf51_timer_rebase(NRF51TimerState *s)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    s->ticks = nrf51_timer_ticks_at(s, now);
    s->base_ns = now;
}

static uint64_t nrf51_timer_next_match(NRF51TimerState *s, uint64_t from,
                                       uint32_t value)
{
    uint64_t mask = nrf51_timer_mask(s);
    uint64_t delta = (value - from) & mask;

    return from + (delta ? delta : mask + 1);
}

/* The count restarts from 0 where it was @origin */
static void nrf51_timer_shift(NRF51TimerState *s, uint64_t origin)
{
    unsigned i;

    for (i = 0; i < NRF51_TIMER_NUM_CC; i++) {
        s->since[i] = s->since[i] > origin ? s->since[i] - origin : 0;
    }
}

/*
 * Raise the compare events due up to now, apply their shorts at the
 * tick they happened, and arm the timer for the next match.
 */
static void nrf51_timer_update(NRF51TimerState *s)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint64_t ticks = nrf51_timer_ticks_at(s, now);
    uint64_t next = UINT64_MAX;
    uint64_t clear_at = UINT64_MAX, stop_at = UINT64_MAX;
    unsigned i;

    if (ticks > s->seen) {
        for (i = 0; i < NRF51_TIMER_NUM_CC; i++) {
            uint64_t match = nrf51_timer_next_match(s, s->seen, s->cc[i]);

            if (match > ticks) {
                continue;
            }
            trace_nrf51_timer_compare(s->parent_obj.mmio.addr, i, s->cc[i]);
            nrf_peripheral_event(&s->parent_obj, EV_COMPARE(i));
            s->since[i] = match;
            if (s->parent_obj.shorts & SHORT_CLEAR(i)) {
                clear_at = MIN(clear_at, match);
            }
            if (s->parent_obj.shorts & SHORT_STOP(i)) {
                stop_at = MIN(stop_at, match);
            }
        }
    }
    s->seen = ticks;

    if (stop_at != UINT64_MAX) {
        /* Frozen at the tick it matched (or at 0 if it also cleared) */
        if (clear_at <= stop_at) {
            nrf51_timer_shift(s, clear_at);
            s->ticks = 0;
        } else {
            s->ticks = stop_at;
        }
        s->seen = s->ticks;
        s->running = false;
    } else if (clear_at != UINT64_MAX) {
        /*
         * The counter restarted from 0 at the matching tick: shift the
         * origin rather than rebase on now, so no time is lost.
         */
        nrf51_timer_shift(s, clear_at);
        s->ticks -= clear_at;
        s->seen = ticks - clear_at;
        nrf51_timer_update(s);
        return;
    }

    if (!nrf51_timer_ticking(s)) {
        timer_del(s->timer);
        return;
    }
    /*
     * Wake up only for the matches something waits for: an interrupt,
     * a PPI channel or a short.  Other events are raised when their
     * register is read.
     */
    for (i = 0; i < NRF51_TIMER_NUM_CC; i++) {
        if ((nrf_peripheral_wanted(&s->parent_obj) & (1u << EV_COMPARE(i))) ||
            (s->parent_obj.shorts & (SHORT_CLEAR(i) | SHORT_STOP(i)))) {
            next = MIN(next, nrf51_timer_next_match(s, ticks, s->cc[i]));
        }
    }
    if (next == UINT64_MAX) {
        timer_del(s->timer);
    } else {
        int64_t when = nrf51_timer_time_of(s, next);

        /* Re-arming wakes the main loop: not for the same deadline */
        if (!timer_pending(s->timer) ||
            timer_expire_time_ns(s->timer) != when) {
            timer_mod(s->timer, when);
        }
    }
}

static void nrf51_timer_set_counter(NRF51TimerState *s, uint64_t value)
{
    unsigned i;

    nrf51_timer_rebase(s);
    s->ticks = value;
    s->seen = value;
    for (i = 0; i < NRF51_TIMER_NUM_CC; i++) {
        s->since[i] = value;
    }
    nrf51_timer_update(s);
}

static void nrf51_timer_cb(void *opaque)
{
    nrf51_timer_update(opaque);
}

/*
 * Firmware sets up the next event as "CC = counter + delta", or as
 * "CC += period" from the interrupt handler of the last match, with a
 * margin that is ample on the chip.  Under emulation the host may
 * pause the vCPU between the counter reading (or the match) and the
 * CC write while virtual time runs on, and the counter may already
 * have passed the value written; the chip would then wait for a full
 * wrap of the counter (16.8 s for a 24-bit count at 1 MHz).
 * MicroPython's ticker does this: its audio channel steps CC by 64 us
 * and was measured writing it several milliseconds behind while the
 * host was busy.  So a compare value moved forward to a point the
 * counter passed after the channel last matched or had CC written,
 * less than a second (and less than half its range) ago, matches at
 * once.  A value moved backwards is left alone: that is how firmware
 * parks a channel (MicroPython's ticker steps CC back by one tick to
 * stop a callback), and a match there would be spurious.
 */
#define TIMER_LATE_NS   NANOSECONDS_PER_SECOND

static bool nrf51_timer_late_compare(NRF51TimerState *s, unsigned n,
                                     uint32_t old)
{
    uint64_t ticks = s->seen;   /* the count, as of the update just made */
    uint64_t mask = nrf51_timer_mask(s);
    uint64_t match, window;

    if (!nrf51_timer_ticking(s)) {
        return false;
    }
    /* Moved back, or not at all */
    if (((s->cc[n] - old) & mask) == 0 ||
        ((s->cc[n] - old) & mask) > mask / 2) {
        return false;
    }
    match = nrf51_timer_next_match(s, s->since[n], s->cc[n]);
    if (match > ticks) {
        return false;
    }
    window = muldiv64(TIMER_LATE_NS, HFCLK_HZ >> nrf51_timer_prescaler(s),
                      NANOSECONDS_PER_SECOND);
    window = MIN(window, mask / 2);
    if (ticks - match > window) {
        return false;
    }
    trace_nrf51_timer_late(s->parent_obj.mmio.addr, n, ticks - match);
    nrf_peripheral_event(&s->parent_obj, EV_COMPARE(n));
    /* As if it had matched in time: the next step counts from there */
    s->since[n] = match;
    return true;
}

static uint32_t nrf51_timer_counter(NRF51TimerState *s)
{
    return nrf51_timer_ticks_at(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL)) &
           nrf51_timer_mask(s);
}

static void nrf51_timer_task(NRFPeripheralState *p, unsigned n)
{
    NRF51TimerState *s = container_of(p, NRF51TimerState, parent_obj);

    switch (NRF_TASKS_BASE + 4 * n) {
    case A_TASKS_START:
        if (!s->running) {
            nrf51_timer_rebase(s);
            s->running = true;
            nrf51_timer_update(s);
        }
        break;
    case A_TASKS_STOP:
    case A_TASKS_SHUTDOWN:
        nrf51_timer_update(s);
        nrf51_timer_rebase(s);
        s->running = false;
        nrf51_timer_update(s);
        break;
    case A_TASKS_COUNT:
        if (s->running && s->mode == TIMER_MODE_COUNTER) {
            s->ticks++;
            nrf51_timer_update(s);
        }
        break;
    case A_TASKS_CLEAR:
        nrf51_timer_update(s);
        nrf51_timer_set_counter(s, 0);
        break;
    case A_TASKS_CAPTURE0 ... A_TASKS_CAPTURE3:
        /*
         * COMPARE fires when the counter steps onto CC, so the value
         * captured does not match until the counter comes round again.
         */
        nrf51_timer_update(s);
        s->cc[n - NRF_TASK(A_TASKS_CAPTURE0)] = nrf51_timer_counter(s);
        nrf51_timer_update(s);
        break;
    }
}

static void nrf51_timer_sync(NRFPeripheralState *p)
{
    nrf51_timer_update(container_of(p, NRF51TimerState, parent_obj));
}

static uint64_t nrf51_timer_read(NRFPeripheralState *p, hwaddr offset,
                                 unsigned size)
{
    NRF51TimerState *s = container_of(p, NRF51TimerState, parent_obj);
    uint64_t r;

    switch (offset) {
    case A_MODE:
        r = s->mode;
        break;
    case A_BITMODE:
        r = s->bitmode;
        break;
    case A_PRESCALER:
        r = s->prescaler;
        break;
    case A_CC0 ... A_CC3:
        r = s->cc[(offset - A_CC0) / 4];
        break;
    case A_ERRATA73:
        r = 0;
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        r = 0;
        break;
    }

    trace_nrf51_timer_read(s->parent_obj.mmio.addr, offset, r);
    return r;
}

static void nrf51_timer_write(NRFPeripheralState *p, hwaddr offset,
                              uint64_t value, unsigned size)
{
    NRF51TimerState *s = container_of(p, NRF51TimerState, parent_obj);
    uint32_t old;
    unsigned n;

    trace_nrf51_timer_write(s->parent_obj.mmio.addr, offset, value);

    switch (offset) {
    case A_MODE:
        nrf51_timer_update(s);
        nrf51_timer_rebase(s);
        s->mode = value & 1;
        nrf51_timer_update(s);
        break;
    case A_BITMODE:
        nrf51_timer_update(s);
        s->bitmode = value & 3;
        nrf51_timer_update(s);
        break;
    case A_PRESCALER:
        nrf51_timer_update(s);
        nrf51_timer_rebase(s);
        s->prescaler = value & 0xf;
        if (s->prescaler > TIMER_PRESCALER_MAX) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: PRESCALER %u is above %u\n", __func__,
                          s->prescaler, TIMER_PRESCALER_MAX);
        }
        nrf51_timer_update(s);
        break;
    case A_CC0 ... A_CC3:
        nrf51_timer_update(s);
        n = (offset - A_CC0) / 4;
        old = s->cc[n];
        s->cc[n] = value;
        if (!nrf51_timer_late_compare(s, n, old)) {
            s->since[n] = s->seen;
        }
        nrf51_timer_update(s);
        break;
    case A_ERRATA73:
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

static void nrf51_timer_reset(NRFPeripheralState *p)
{
    NRF51TimerState *s = container_of(p, NRF51TimerState, parent_obj);

    timer_del(s->timer);
    s->running = false;
    s->mode = 0;
    s->bitmode = 0;
    s->prescaler = 4;
    memset(s->cc, 0, sizeof(s->cc));
    s->ticks = 0;
    s->seen = 0;
    memset(s->since, 0, sizeof(s->since));
    s->base_ns = 0;
}

static void nrf51_timer_realize(DeviceState *dev, Error **errp)
{
    NRF51TimerState *s = NRF51_TIMER(dev);

    if (s->max_bits != 16 && s->max_bits != 32) {
        error_setg(errp, "max-bits must be 16 or 32");
        return;
    }
    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, nrf51_timer_cb, s);
}

static const VMStateDescription vmstate_nrf51_timer = {
    .name = TYPE_NRF51_TIMER,
    .version_id = 2,
    .minimum_version_id = 2,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51TimerState),
        VMSTATE_TIMER_PTR(timer, NRF51TimerState),
        VMSTATE_BOOL(running, NRF51TimerState),
        VMSTATE_UINT32(mode, NRF51TimerState),
        VMSTATE_UINT32(bitmode, NRF51TimerState),
        VMSTATE_UINT32(prescaler, NRF51TimerState),
        VMSTATE_UINT32_ARRAY(cc, NRF51TimerState, NRF51_TIMER_NUM_CC),
        VMSTATE_UINT64(ticks, NRF51TimerState),
        VMSTATE_INT64(base_ns, NRF51TimerState),
        VMSTATE_UINT64(seen, NRF51TimerState),
        VMSTATE_UINT64_ARRAY(since, NRF51TimerState, NRF51_TIMER_NUM_CC),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_timer_properties[] = {
    DEFINE_PROP_UINT32("max-bits", NRF51TimerState, max_bits, 32),
};

static void nrf51_timer_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_TIMER;
    pc->tasks = MAKE_64BIT_MASK(NRF_TASK(A_TASKS_START), 5) |
                MAKE_64BIT_MASK(NRF_TASK(A_TASKS_CAPTURE0),
                                NRF51_TIMER_NUM_CC);
    pc->events = MAKE_64BIT_MASK(EV_COMPARE(0), NRF51_TIMER_NUM_CC);
    pc->shorts = TIMER_SHORTS_MASK;
    pc->has_power = true;
    pc->task = nrf51_timer_task;
    pc->read = nrf51_timer_read;
    pc->write = nrf51_timer_write;
    pc->sync = nrf51_timer_sync;
    pc->wanted_changed = nrf51_timer_sync;
    pc->reset = nrf51_timer_reset;
    dc->realize = nrf51_timer_realize;
    dc->desc = "nRF51 timer/counter";
    dc->vmsd = &vmstate_nrf51_timer;
    device_class_set_props(dc, nrf51_timer_properties);
}

static const TypeInfo nrf51_timer_types[] = {
    {
        .name = TYPE_NRF51_TIMER,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51TimerState),
        .class_init = nrf51_timer_class_init,
    },
};

DEFINE_TYPES(nrf51_timer_types)
