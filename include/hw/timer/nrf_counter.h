/*
 * Counter engine shared by the nRF TIMER and RTC models
 *
 * An up-counter of 8 to 32 bits with compare channels, COMPARE->CLEAR
 * and COMPARE->STOP shorts and an overflow, whose value and events
 * follow from the virtual time at any instant.  Nothing is stepped
 * tick by tick: the owner asks for the events that happened up to
 * "now" (nrf_counter_advance), raises them, and arms its QEMU timer
 * for the next deadline it cares about (nrf_counter_deadline).
 * However late that call comes, the events and the counter are those
 * of the chip, with every short applied at the tick it fired, in work
 * proportional to the number of channels.
 *
 * The tick rate is hz / div: the frequency of the input clock in Hz,
 * 0 while it is stopped (the counter holds), divided by the owner's
 * prescaler.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_TIMER_NRF_COUNTER_H
#define HW_TIMER_NRF_COUNTER_H

#include "migration/vmstate.h"

#define NRF_COUNTER_MAX_CC  4

typedef struct NRFCounter {
    /* Configuration */
    uint32_t mask;              /* 2^bits - 1 */
    uint32_t num_cc;
    uint32_t cc[NRF_COUNTER_MAX_CC];
    uint32_t clear_shorts;      /* bit n: COMPARE[n] clears the counter */
    uint32_t stop_shorts;       /* bit n: COMPARE[n] stops the counter */
    bool running;               /* between START and STOP */
    uint32_t hz;                /* input clock, 0 when stopped */
    uint32_t div;               /* prescaler division, at least 1 */

    /*
     * State: the counter read "value" after "epoch_ticks" ticks of the
     * current rate, counted from the virtual time "epoch_ns" at which
     * the rate or the run state last changed.  "total" counts every
     * tick since reset, and "since"/"since_value" record for each
     * channel the tick of its last match or CC write and the count
     * after it (see nrf_counter_set_cc).
     */
    uint32_t value;
    int64_t epoch_ns;
    uint64_t epoch_ticks;
    uint64_t total;
    uint64_t since[NRF_COUNTER_MAX_CC];
    uint32_t since_value[NRF_COUNTER_MAX_CC];
} NRFCounter;

/* What happened during nrf_counter_advance(), each counted */
typedef struct NRFCounterEvents {
    uint64_t compare[NRF_COUNTER_MAX_CC];
    uint64_t overflow;
    uint64_t ticks;
    bool stopped;               /* a STOP short fired */
} NRFCounterEvents;

/* Stopped, zero, no shorts: call from the owner's reset */
void nrf_counter_reset(NRFCounter *c, unsigned bits, unsigned num_cc);

/*
 * Bring the counter to virtual time @now and report in @ev the events
 * that happened since the last call.  Every setter below that takes
 * no @now must come after this, at the same virtual time.
 */
void nrf_counter_advance(NRFCounter *c, int64_t now, NRFCounterEvents *ev);

/* Count @ticks at once (counter mode), if running; then as advance */
void nrf_counter_count(NRFCounter *c, uint64_t ticks, NRFCounterEvents *ev);

/* The counter value at @now, without advancing */
uint32_t nrf_counter_value(NRFCounter *c, int64_t now);

/*
 * The virtual time of the first of the wanted events after the last
 * advance: the COMPARE channels in @cc_mask, the overflow, each tick.
 * INT64_MAX if none will happen (stopped, or a STOP short first).
 */
int64_t nrf_counter_deadline(NRFCounter *c, uint32_t cc_mask,
                             bool overflow, bool tick);

/* Configuration changes: advance to @now first */
void nrf_counter_set_rate(NRFCounter *c, int64_t now, uint32_t hz,
                          uint32_t div);
void nrf_counter_set_running(NRFCounter *c, int64_t now, bool running);
void nrf_counter_set_bits(NRFCounter *c, unsigned bits);
void nrf_counter_set_value(NRFCounter *c, uint32_t value);
void nrf_counter_set_shorts(NRFCounter *c, uint32_t clear, uint32_t stop);

/*
 * Write CC[@n].  Returns true when the write is late by the rule in
 * nrf_counter.c (a value moved forward onto a count passed less than
 * @late_ns ago): the owner then raises COMPARE[n] at once.
 */
bool nrf_counter_set_cc(NRFCounter *c, unsigned n, uint32_t value,
                        int64_t late_ns);

/* Is the counter running and fed by a running clock? */
static inline bool nrf_counter_ticking(NRFCounter *c)
{
    return c->running && c->hz;
}

/*
 * How many times to signal @count occurrences of an event to the PPI:
 * each of them, up to a bound that keeps a guest from stalling QEMU
 * after a long pause, with the parity kept (a GPIOTE toggle ends on
 * the right level).
 */
#define NRF_COUNTER_MAX_PULSES  4096

static inline uint64_t nrf_counter_pulses(uint64_t count)
{
    return count <= NRF_COUNTER_MAX_PULSES ? count :
           NRF_COUNTER_MAX_PULSES + (count & 1);
}

extern const VMStateDescription vmstate_nrf_counter;

#define VMSTATE_NRF_COUNTER(_field, _state) \
    VMSTATE_STRUCT(_field, _state, 1, vmstate_nrf_counter, NRFCounter)

#endif
