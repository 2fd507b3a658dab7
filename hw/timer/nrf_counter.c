/*
 * Counter engine shared by the nRF TIMER and RTC models
 *
 * References: nRF51 Series Reference Manual v3.0, sections 18 (TIMER)
 * and 19 (RTC).
 *
 * The counter counts up by one per tick.  COMPARE[n] happens when it
 * steps onto CC[n] (compared in the counter's width); a COMPARE->CLEAR
 * short makes that step land on 0 instead, so with CC = N the counter
 * reads 0 to N - 1 and the period is N ticks; a COMPARE->STOP short
 * freezes it there.  Stepping from the top value to 0 is an overflow.
 * Clearing to 0 is not a step onto CC = 0.
 *
 * From a count v the course is always the same: a first stretch of D
 * ticks up to the first point where the counter lands on 0 (a clearing
 * match or the overflow), then a cycle of P ticks from 0 repeated for
 * ever, where P is the smallest clearing CC (or the full range).  Each
 * channel matches at most once in the stretch and once per cycle, so
 * the events of any number of ticks, and the first STOP short among
 * them, are counted by division, one channel at a time.
 *
 * Emulation policy for late CC writes (nrf_counter_set_cc): firmware
 * sets the next match as "CC += period" from the handler of the last
 * one, or "CC = COUNTER + delta", with a margin that is ample on the
 * chip.  QEMU cannot promise that margin: virtual time runs on while
 * the host does not schedule the vCPU, so the write may land after the
 * counter passed the value, and the chip's answer, a match a full wrap
 * later (17 s for a 24-bit count at 1 MHz, 512 s for the RTC), stalls
 * the program.  The manual only says that a CC of N or N + 1 written
 * while the counter reads N may not match; it says nothing of a value
 * already passed, since on the chip the program controls that margin.
 * So a write that moves CC forward, by less than half the range, onto
 * a count the counter passed since that channel last matched or was
 * written, less than @late_ns of virtual time ago, with no clear or
 * overflow in between and no short on the channel, matches at once, as
 * if written in time.  A value moved backwards is left alone: that is
 * how firmware parks a channel.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/host-utils.h"
#include "qemu/timer.h"
#include "hw/timer/nrf_counter.h"
#include "migration/vmstate.h"

/* The course from the current count: see the header comment */
typedef struct NRFCounterCourse {
    uint64_t range;             /* 2^bits */
    uint64_t wrap;              /* ticks to the next overflow */
    uint64_t first;             /* D: ticks to the first landing on 0 */
    uint64_t period;            /* P: the cycle from 0 */
    uint64_t stop;              /* ticks to the first STOP, or UINT64_MAX */
} NRFCounterCourse;

/* Ticks from count @from until the counter steps onto @cc */
static uint64_t nrf_counter_dist(NRFCounter *c, uint32_t from, uint32_t cc)
{
    uint64_t d = (cc - from) & c->mask;

    return d ? d : (uint64_t)c->mask + 1;
}

/* Ticks from the current count to the first match of channel @n */
static uint64_t nrf_counter_first_match(NRFCounter *c, NRFCounterCourse *k,
                                        unsigned n)
{
    uint64_t d = nrf_counter_dist(c, c->value, c->cc[n]);
    uint64_t e = nrf_counter_dist(c, 0, c->cc[n]);

    if (d <= k->first) {
        return d;
    }
    return e <= k->period ? k->first + e : UINT64_MAX;
}

static void nrf_counter_course(NRFCounter *c, NRFCounterCourse *k)
{
    unsigned n;

    k->range = (uint64_t)c->mask + 1;
    k->wrap = k->range - c->value;
    k->first = k->wrap;
    k->period = k->range;
    k->stop = UINT64_MAX;
    for (n = 0; n < c->num_cc; n++) {
        if (c->clear_shorts & (1u << n)) {
            k->first = MIN(k->first, nrf_counter_dist(c, c->value, c->cc[n]));
            k->period = MIN(k->period, nrf_counter_dist(c, 0, c->cc[n]));
        }
    }
    for (n = 0; n < c->num_cc; n++) {
        if (c->stop_shorts & (1u << n)) {
            k->stop = MIN(k->stop, nrf_counter_first_match(c, k, n));
        }
    }
}

/* The count @ticks ticks along the course (@ticks up to the stop) */
static uint32_t nrf_counter_value_after(NRFCounter *c, NRFCounterCourse *k,
                                        uint64_t ticks)
{
    if (ticks < k->first) {
        return c->value + ticks;
    }
    return (ticks - k->first) % k->period;
}

/* Occurrences within @ticks of an event at @d in the stretch, @e in P */
static uint64_t nrf_counter_occurrences(NRFCounterCourse *k, uint64_t ticks,
                                        uint64_t d, uint64_t e)
{
    uint64_t r, count = d <= MIN(ticks, k->first);

    if (ticks >= k->first && e <= k->period) {
        r = ticks - k->first;
        count += r / k->period + (r % k->period >= e);
    }
    return count;
}

/* Run @ticks ticks: count the events into @ev and move the state on */
static void nrf_counter_run(NRFCounter *c, uint64_t ticks,
                            NRFCounterEvents *ev)
{
    NRFCounterCourse k;
    unsigned n;

    nrf_counter_course(c, &k);
    if (k.stop <= ticks) {
        ticks = k.stop;
        ev->stopped = true;
        c->running = false;
    }
    for (n = 0; n < c->num_cc; n++) {
        uint64_t d = nrf_counter_dist(c, c->value, c->cc[n]);
        uint64_t e = nrf_counter_dist(c, 0, c->cc[n]);
        uint64_t count = nrf_counter_occurrences(&k, ticks, d, e);
        uint64_t last;

        ev->compare[n] += count;
        if (!count) {
            continue;
        }
        /* Where it last matched, and what the counter read after it */
        if (count > (d <= k.first)) {
            last = k.first + (count - 1 - (d <= k.first)) * k.period + e;
            c->since_value[n] = e == k.period ? 0 : c->cc[n] & c->mask;
        } else {
            last = d;
            c->since_value[n] = d == k.first ? 0 : c->cc[n] & c->mask;
        }
        c->since[n] = c->total + last;
    }
    /* In the stretch only if it ends with it; in every full-range cycle */
    ev->overflow += nrf_counter_occurrences(&k, ticks, k.wrap, k.range);
    ev->ticks += ticks;
    c->value = nrf_counter_value_after(c, &k, ticks);
    c->total += ticks;
}

/* The tick index, in the current epoch, at virtual time @now */
static uint64_t nrf_counter_ticks_at(NRFCounter *c, int64_t now)
{
    if (!nrf_counter_ticking(c) || now <= c->epoch_ns) {
        return c->epoch_ticks;
    }
    return MAX(muldiv64(now - c->epoch_ns, c->hz, NANOSECONDS_PER_SECOND) /
               c->div, c->epoch_ticks);
}

void nrf_counter_advance(NRFCounter *c, int64_t now, NRFCounterEvents *ev)
{
    uint64_t ticks = nrf_counter_ticks_at(c, now);

    memset(ev, 0, sizeof(*ev));
    if (ticks > c->epoch_ticks) {
        nrf_counter_run(c, ticks - c->epoch_ticks, ev);
        c->epoch_ticks = ticks;
    }
}

void nrf_counter_count(NRFCounter *c, uint64_t ticks, NRFCounterEvents *ev)
{
    memset(ev, 0, sizeof(*ev));
    if (c->running && ticks) {
        nrf_counter_run(c, ticks, ev);
    }
}

uint32_t nrf_counter_value(NRFCounter *c, int64_t now)
{
    uint64_t ticks = nrf_counter_ticks_at(c, now) - c->epoch_ticks;
    NRFCounterCourse k;

    if (!ticks) {
        return c->value;
    }
    nrf_counter_course(c, &k);
    return nrf_counter_value_after(c, &k, MIN(ticks, k.stop));
}

int64_t nrf_counter_deadline(NRFCounter *c, uint32_t cc_mask,
                             bool overflow, bool tick)
{
    NRFCounterCourse k;
    uint64_t first = UINT64_MAX, cycles;
    unsigned n;

    if (!nrf_counter_ticking(c)) {
        return INT64_MAX;
    }
    nrf_counter_course(c, &k);
    if (tick) {
        first = 1;
    }
    for (n = 0; n < c->num_cc; n++) {
        if (cc_mask & (1u << n)) {
            first = MIN(first, nrf_counter_first_match(c, &k, n));
        }
    }
    if (overflow) {
        if (k.wrap == k.first) {
            first = MIN(first, k.wrap);
        } else if (k.period == k.range) {
            first = MIN(first, k.first + k.range);
        }
    }
    if (first == UINT64_MAX || first > k.stop) {
        return INT64_MAX;
    }
    /* The first instant at which the tick index reaches epoch + first */
    cycles = (c->epoch_ticks + first) * c->div;
    if (cycles / c->div != c->epoch_ticks + first ||
        cycles > (uint64_t)INT64_MAX / NANOSECONDS_PER_SECOND * c->hz) {
        return INT64_MAX;
    }
    return c->epoch_ns + muldiv64_round_up(cycles, NANOSECONDS_PER_SECOND,
                                           c->hz);
}

/* Start a new epoch at @now, at the current count */
static void nrf_counter_new_epoch(NRFCounter *c, int64_t now)
{
    c->epoch_ns = now;
    c->epoch_ticks = 0;
}

void nrf_counter_set_rate(NRFCounter *c, int64_t now, uint32_t hz,
                          uint32_t div)
{
    if (c->hz != hz || c->div != div) {
        c->hz = hz;
        c->div = MAX(div, 1);
        nrf_counter_new_epoch(c, now);
    }
}

void nrf_counter_set_running(NRFCounter *c, int64_t now, bool running)
{
    if (c->running != running) {
        c->running = running;
        nrf_counter_new_epoch(c, now);
    }
}

void nrf_counter_set_bits(NRFCounter *c, unsigned bits)
{
    c->mask = bits >= 32 ? UINT32_MAX : (1u << bits) - 1;
    c->value &= c->mask;
}

void nrf_counter_set_value(NRFCounter *c, uint32_t value)
{
    unsigned n;

    c->value = value & c->mask;
    for (n = 0; n < c->num_cc; n++) {
        c->since[n] = c->total;
        c->since_value[n] = c->value;
    }
}

void nrf_counter_set_shorts(NRFCounter *c, uint32_t clear, uint32_t stop)
{
    c->clear_shorts = clear;
    c->stop_shorts = stop;
}

bool nrf_counter_set_cc(NRFCounter *c, unsigned n, uint32_t value,
                        int64_t late_ns)
{
    uint32_t old = c->cc[n];
    uint64_t elapsed = c->total - c->since[n];
    uint32_t passed = (c->value - c->since_value[n]) & c->mask;
    uint32_t forward = (value - old) & c->mask;
    uint32_t onto = (value - c->since_value[n]) & c->mask;
    uint64_t window;

    c->cc[n] = value;
    if (late_ns <= 0 || !nrf_counter_ticking(c) ||
        ((c->clear_shorts | c->stop_shorts) & (1u << n)) ||
        forward == 0 || forward > c->mask / 2 ||
        elapsed != passed || onto == 0 || onto > passed) {
        c->since[n] = c->total;
        c->since_value[n] = c->value;
        return false;
    }
    window = muldiv64(late_ns, c->hz, NANOSECONDS_PER_SECOND) / c->div;
    if (passed - onto > window) {
        c->since[n] = c->total;
        c->since_value[n] = c->value;
        return false;
    }
    /* As if it had matched in time: the next step counts from there */
    c->since[n] = c->total - (passed - onto);
    c->since_value[n] = value & c->mask;
    return true;
}

void nrf_counter_reset(NRFCounter *c, unsigned bits, unsigned num_cc)
{
    memset(c, 0, sizeof(*c));
    c->num_cc = MIN(num_cc, NRF_COUNTER_MAX_CC);
    c->div = 1;
    nrf_counter_set_bits(c, bits);
}

static int nrf_counter_post_load(void *opaque, int version_id)
{
    NRFCounter *c = opaque;

    if (c->num_cc > NRF_COUNTER_MAX_CC || !c->div) {
        return -EINVAL;
    }
    return 0;
}

const VMStateDescription vmstate_nrf_counter = {
    .name = "nrf-counter",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf_counter_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(mask, NRFCounter),
        VMSTATE_UINT32(num_cc, NRFCounter),
        VMSTATE_UINT32_ARRAY(cc, NRFCounter, NRF_COUNTER_MAX_CC),
        VMSTATE_UINT32(clear_shorts, NRFCounter),
        VMSTATE_UINT32(stop_shorts, NRFCounter),
        VMSTATE_BOOL(running, NRFCounter),
        VMSTATE_UINT32(hz, NRFCounter),
        VMSTATE_UINT32(div, NRFCounter),
        VMSTATE_UINT32(value, NRFCounter),
        VMSTATE_INT64(epoch_ns, NRFCounter),
        VMSTATE_UINT64(epoch_ticks, NRFCounter),
        VMSTATE_UINT64(total, NRFCounter),
        VMSTATE_UINT64_ARRAY(since, NRFCounter, NRF_COUNTER_MAX_CC),
        VMSTATE_UINT32_ARRAY(since_value, NRFCounter, NRF_COUNTER_MAX_CC),
        VMSTATE_END_OF_LIST()
    }
};
