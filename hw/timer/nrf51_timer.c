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
 * The counter is computed from the virtual clock by the counter engine
 * shared with the RTC (nrf_counter.c), which applies the shorts at the
 * tick they fire however late it is asked; a QEMU timer is armed only
 * for the next compare match an interrupt or a PPI channel waits for.
 * Each occurrence of a COMPARE event is signalled to the PPI, up to a
 * bound (nrf_counter_pulses); the interrupt is a level.  The timer
 * counts HFCLK ("clk") cycles; a stopped clock holds the count.
 *
 * Resolved ambiguities: PRESCALER values above 9 count as 9, as the
 * manual allows only 0-9; MODE, BITMODE and PRESCALER may change while
 * running and take effect from that moment.  A CC written forward
 * onto a count the counter already passed, less than a second ago,
 * matches at once: an emulation policy for CC writes that QEMU's
 * scheduling made late, described in nrf_counter.c.
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
/* SHORTS: COMPARE[n]->CLEAR is bit n, COMPARE[n]->STOP bit 8 + n */
#define SHORTS_CLEAR_MASK       0x000f
#define SHORTS_STOP_MASK        0x0f00

#define TIMER_MODE_COUNTER      1
#define TIMER_PRESCALER_MAX     9

static unsigned nrf51_timer_bits(NRF51TimerState *s)
{
    static const unsigned bitmode_bits[] = { 16, 8, 24, 32 };

    return MIN(bitmode_bits[s->bitmode & 3], s->max_bits);
}

static int64_t nrf51_timer_now(void)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

/* The tick rate as MODE and PRESCALER set it, from @now on */
static void nrf51_timer_set_rate(NRF51TimerState *s)
{
    uint32_t hz = s->mode == TIMER_MODE_COUNTER ? 0 :
                  nrf_peripheral_clock_hz(&s->parent_obj);

    nrf_counter_set_rate(&s->counter, nrf51_timer_now(), hz,
                         1u << MIN(s->prescaler, TIMER_PRESCALER_MAX));
}

/*
 * Raise COMPARE[@n], which happened @count times; each occurrence goes
 * to the PPI if @routed, that is if a PPI channel listened to it since
 * the last update (so the timer was armed for it).  An occurrence
 * found lazily, while nothing listened, must not reach a channel
 * enabled since.
 */
static void nrf51_timer_compare(NRF51TimerState *s, unsigned n,
                                uint64_t count, bool routed)
{
    uint64_t pulses = routed ? nrf_counter_pulses(count) : 0;

    trace_nrf51_timer_compare(s->parent_obj.mmio.addr, n, s->counter.cc[n],
                              count);
    s->parent_obj.events |= 1u << EV_COMPARE(n);
    while (pulses--) {
        nrf_peripheral_signal(&s->parent_obj, EV_COMPARE(n));
    }
    nrf_peripheral_update_irq(&s->parent_obj);
}

/*
 * Raise the events of @ev, and arm the timer for the next one that
 * something waits for: an interrupt or a PPI channel.  The shorts need
 * no wake-up: the counter engine applies them whenever it is asked.
 * Other events are raised when their register is read.
 */
static void nrf51_timer_raise(NRF51TimerState *s, NRFCounterEvents *ev)
{
    uint32_t wanted = nrf_peripheral_wanted(&s->parent_obj) >>
                      EV_COMPARE(0);
    uint32_t routed = s->routed_before;
    int64_t when;
    unsigned i;

    s->routed_before = s->parent_obj.routed;
    for (i = 0; i < NRF51_TIMER_NUM_CC; i++) {
        if (ev->compare[i]) {
            nrf51_timer_compare(s, i, ev->compare[i],
                                routed & (1u << EV_COMPARE(i)));
        }
    }

    when = nrf_counter_deadline(&s->counter, wanted & 0xf, false, false);
    if (when == INT64_MAX) {
        timer_del(s->timer);
    } else if (!timer_pending(s->timer) ||
               timer_expire_time_ns(s->timer) != when) {
        /* Re-arming wakes the main loop: not for the same deadline */
        timer_mod(s->timer, when);
    }
}

/* Raise the compare events due up to now, and arm the timer */
static void nrf51_timer_update(NRF51TimerState *s)
{
    NRFCounterEvents ev;

    nrf_counter_advance(&s->counter, nrf51_timer_now(), &ev);
    nrf51_timer_raise(s, &ev);
}

static void nrf51_timer_cb(void *opaque)
{
    nrf51_timer_update(opaque);
}

/* Late CC writes match at once for up to a second: see nrf_counter.c */
#define TIMER_LATE_NS   NANOSECONDS_PER_SECOND

static void nrf51_timer_task(NRFPeripheralState *p, unsigned n)
{
    NRF51TimerState *s = container_of(p, NRF51TimerState, parent_obj);
    NRFCounterEvents ev;
    hwaddr offset = NRF_TASKS_BASE + 4 * n;

    nrf51_timer_update(s);
    switch (offset) {
    case A_TASKS_START:
        nrf_counter_set_running(&s->counter, nrf51_timer_now(), true);
        break;
    case A_TASKS_STOP:
    case A_TASKS_SHUTDOWN:
        nrf_counter_set_running(&s->counter, nrf51_timer_now(), false);
        break;
    case A_TASKS_COUNT:
        if (s->mode == TIMER_MODE_COUNTER) {
            nrf_counter_count(&s->counter, 1, &ev);
            nrf51_timer_raise(s, &ev);
        }
        break;
    case A_TASKS_CLEAR:
        nrf_counter_set_value(&s->counter, 0);
        break;
    case A_TASKS_CAPTURE0 ... A_TASKS_CAPTURE3:
        /*
         * COMPARE fires when the counter steps onto CC, so the value
         * captured does not match until the counter comes round again.
         */
        nrf_counter_set_cc(&s->counter, (offset - A_TASKS_CAPTURE0) / 4,
                           s->counter.value, 0);
        break;
    }
    nrf51_timer_update(s);
}

static void nrf51_timer_sync(NRFPeripheralState *p)
{
    nrf51_timer_update(container_of(p, NRF51TimerState, parent_obj));
}

/* INTEN, the PPI's routing or SHORTS changed (the frame synced first) */
static void nrf51_timer_wanted_changed(NRFPeripheralState *p)
{
    NRF51TimerState *s = container_of(p, NRF51TimerState, parent_obj);

    nrf_counter_set_shorts(&s->counter, p->shorts & SHORTS_CLEAR_MASK,
                           (p->shorts & SHORTS_STOP_MASK) >> 8);
    nrf51_timer_update(s);
}

/* HFCLK changed frequency, or stopped */
static void nrf51_timer_clock_changed(NRFPeripheralState *p)
{
    NRF51TimerState *s = container_of(p, NRF51TimerState, parent_obj);

    nrf51_timer_update(s);
    nrf51_timer_set_rate(s);
    nrf51_timer_update(s);
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
        r = s->counter.cc[(offset - A_CC0) / 4];
        break;
    case A_ERRATA73:
        r = 0;
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, false);
        r = 0;
        break;
    }

    trace_nrf51_timer_read(p->mmio.addr, offset, r);
    return r;
}

static void nrf51_timer_write(NRFPeripheralState *p, hwaddr offset,
                              uint64_t value, unsigned size)
{
    NRF51TimerState *s = container_of(p, NRF51TimerState, parent_obj);
    unsigned n;

    trace_nrf51_timer_write(p->mmio.addr, offset, value);

    switch (offset) {
    case A_MODE:
        nrf51_timer_update(s);
        s->mode = value & 1;
        nrf51_timer_set_rate(s);
        nrf51_timer_update(s);
        break;
    case A_BITMODE:
        nrf51_timer_update(s);
        s->bitmode = value & 3;
        nrf_counter_set_bits(&s->counter, nrf51_timer_bits(s));
        nrf51_timer_update(s);
        break;
    case A_PRESCALER:
        nrf51_timer_update(s);
        s->prescaler = value & 0xf;
        if (s->prescaler > TIMER_PRESCALER_MAX) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: PRESCALER %u is above %u\n", __func__,
                          s->prescaler, TIMER_PRESCALER_MAX);
        }
        nrf51_timer_set_rate(s);
        nrf51_timer_update(s);
        break;
    case A_CC0 ... A_CC3:
        nrf51_timer_update(s);
        n = (offset - A_CC0) / 4;
        if (nrf_counter_set_cc(&s->counter, n, value, TIMER_LATE_NS)) {
            trace_nrf51_timer_late(p->mmio.addr, n, value);
            nrf51_timer_compare(s, n, 1, true);
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
    s->mode = 0;
    s->bitmode = 0;
    s->prescaler = 4;
    s->routed_before = 0;
    nrf_counter_reset(&s->counter, nrf51_timer_bits(s), NRF51_TIMER_NUM_CC);
    nrf_counter_set_rate(&s->counter, 0, nrf_peripheral_clock_hz(p),
                         1u << s->prescaler);
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

static int nrf51_timer_post_load(void *opaque, int version_id)
{
    NRF51TimerState *s = opaque;

    /* Not migrated: let the first update signal what the PPI routes */
    s->routed_before = UINT32_MAX;
    return 0;
}

static const VMStateDescription vmstate_nrf51_timer = {
    .name = TYPE_NRF51_TIMER,
    .version_id = 3,
    .minimum_version_id = 3,
    .post_load = nrf51_timer_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51TimerState),
        VMSTATE_TIMER_PTR(timer, NRF51TimerState),
        VMSTATE_UINT32(mode, NRF51TimerState),
        VMSTATE_UINT32(bitmode, NRF51TimerState),
        VMSTATE_UINT32(prescaler, NRF51TimerState),
        VMSTATE_NRF_COUNTER(counter, NRF51TimerState),
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
    pc->shorts = SHORTS_CLEAR_MASK | SHORTS_STOP_MASK;
    pc->has_power = true;
    pc->task = nrf51_timer_task;
    pc->read = nrf51_timer_read;
    pc->write = nrf51_timer_write;
    pc->sync = nrf51_timer_sync;
    pc->wanted_changed = nrf51_timer_wanted_changed;
    pc->clock_changed = nrf51_timer_clock_changed;
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
