/*
 * nRF51 peripheral events and interrupts
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 9.1
 * (peripheral interface).
 *
 * Every nRF51 peripheral follows one pattern: event n is the register
 * at 0x100 + 4 * n, which reads 1 once the event has happened and is
 * cleared by writing 0; bit n of INTEN (set and cleared through
 * INTENSET and INTENCLR) lets it raise the peripheral's interrupt;
 * and every event is also signalled to the PPI, which may trigger a
 * task in reply.  No nRF51 peripheral has more than 32 events.
 *
 * NRF51Events holds that state for a peripheral.  The PPI signal is a
 * qdev GPIO output array named NRF51_EVENT_GPIO, indexed by n, which
 * is pulsed each time the event happens.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_EVENTS_H
#define HW_MISC_NRF51_EVENTS_H

#include "hw/irq.h"
#include "hw/qdev-core.h"
#include "hw/sysbus.h"
#include "migration/vmstate.h"

#define NRF51_EVENT_GPIO        "event"
#define NRF51_MAX_EVENTS        32

#define NRF51_EVENTS_BASE       0x100
#define NRF51_EVENTS_END        (NRF51_EVENTS_BASE + 4 * NRF51_MAX_EVENTS)
#define NRF51_INTEN             0x300
#define NRF51_INTENSET          0x304
#define NRF51_INTENCLR          0x308

/* The event number of the event register at @offset */
#define NRF51_EVENT(offset)     (((offset) - NRF51_EVENTS_BASE) / 4)

typedef struct NRF51Events {
    uint32_t pending;           /* one bit per event register */
    uint32_t inten;
    uint32_t valid;             /* the events this peripheral has */
    qemu_irq irq;
    qemu_irq ppi[NRF51_MAX_EVENTS];

    /*
     * The events an enabled PPI channel listens to, kept up to date by
     * the PPI.  A peripheral that computes its events lazily from the
     * clock (TIMER, RTC) needs to raise on time only the events in
     * inten | routed; it is told of changes through routed_changed.
     */
    uint32_t routed;
    void (*routed_changed)(void *opaque);
    void *opaque;
} NRF51Events;

/* Call from instance_init: creates the interrupt and the PPI lines */
static inline void nrf51_events_init(NRF51Events *e, DeviceState *dev,
                                     uint32_t valid)
{
    e->valid = valid;
    sysbus_init_irq(SYS_BUS_DEVICE(dev), &e->irq);
    qdev_init_gpio_out_named(dev, e->ppi, NRF51_EVENT_GPIO,
                             NRF51_MAX_EVENTS);
}

static inline void nrf51_events_update_irq(NRF51Events *e)
{
    qemu_set_irq(e->irq, !!(e->pending & e->inten));
}

/* The events that must be raised on time rather than when read */
static inline uint32_t nrf51_events_wanted(NRF51Events *e)
{
    return e->inten | e->routed;
}

/* Reset-enter: clear events and interrupt enables */
static inline void nrf51_events_reset(NRF51Events *e)
{
    e->pending = 0;
    e->inten = 0;
}

/* Raise event @n: set its register, tell the PPI, update the IRQ */
static inline void nrf51_events_fire(NRF51Events *e, unsigned n)
{
    e->pending |= 1u << n;
    qemu_irq_pulse(e->ppi[n]);
    nrf51_events_update_irq(e);
}

/* Signal event @n to the PPI only (an event masked by EVTEN and so on) */
static inline void nrf51_events_signal(NRF51Events *e, unsigned n)
{
    qemu_irq_pulse(e->ppi[n]);
}

static inline bool nrf51_events_is_event(NRF51Events *e, hwaddr offset)
{
    return offset >= NRF51_EVENTS_BASE && offset < NRF51_EVENTS_END &&
           (e->valid & (1u << NRF51_EVENT(offset)));
}

static inline bool nrf51_events_is_inten(hwaddr offset)
{
    return offset == NRF51_INTEN || offset == NRF51_INTENSET ||
           offset == NRF51_INTENCLR;
}

/* Is @offset one of the registers nrf51_events_read/write handle? */
static inline bool nrf51_events_claims(NRF51Events *e, hwaddr offset)
{
    return nrf51_events_is_event(e, offset) || nrf51_events_is_inten(offset);
}

/*
 * Handle a read of an event or interrupt-enable register, which the
 * caller has checked with nrf51_events_claims().
 */
static inline uint64_t nrf51_events_read(NRF51Events *e, hwaddr offset)
{
    if (nrf51_events_is_inten(offset)) {
        return e->inten;
    }
    return !!(e->pending & (1u << NRF51_EVENT(offset)));
}

static inline void nrf51_events_write(NRF51Events *e, hwaddr offset,
                                      uint64_t value)
{
    switch (offset) {
    case NRF51_INTEN:
        e->inten = value & e->valid;
        break;
    case NRF51_INTENSET:
        e->inten |= value & e->valid;
        break;
    case NRF51_INTENCLR:
        e->inten &= ~value;
        break;
    default:
        /* Writing 0 clears an event; writing 1 does nothing */
        if (!(value & 1)) {
            e->pending &= ~(1u << NRF51_EVENT(offset));
        }
        break;
    }
    nrf51_events_update_irq(e);
}

extern const VMStateDescription vmstate_nrf51_events;

/* The migrated state, inside the peripheral's own vmstate */
#define VMSTATE_NRF51_EVENTS(_field, _state) \
    VMSTATE_STRUCT(_field, _state, 1, vmstate_nrf51_events, NRF51Events)

#endif
