/*
 * Nordic nRF5 peripheral: the register frame every peripheral shares
 *
 * References: nRF51 Series Reference Manual v3.0, section 9.1
 * (peripheral interface); nRF52833 Product Specification v1.7,
 * section 4.7 (peripheral interface).
 *
 * Every peripheral of the nRF51 and nRF52 series has the same frame in
 * its 4 KiB of registers:
 *
 *   0x000 + 4n  TASKS_x     writing 1 triggers task n
 *   0x100 + 4n  EVENTS_x    reads 1 once event n happened; write 0 clears
 *   0x200       SHORTS      links events to tasks inside the peripheral
 *   0x300       INTEN       which events raise the peripheral's interrupt
 *   0x304/0x308 INTENSET/INTENCLR
 *   0xffc       POWER       (nRF51) powers the peripheral; 0 resets it
 *
 * and its own registers from 0x400 up.  The PPI links an event of one
 * peripheral to a task of another without the CPU.
 *
 * TYPE_NRF_PERIPHERAL owns that frame.  A subclass names in its class
 * which tasks and events exist, which SHORTS bits are writable and
 * whether POWER is there, handles its tasks in task(), and its own
 * registers in read() and write().  The connections are qdev lines:
 *
 *   sysbus IRQ 0                 the interrupt (events & INTEN)
 *   out "event" [n]              pulsed each time event n happens
 *   in  "task" [n]               a rising edge triggers task n
 *   in  "event-routed" [n]       level: a PPI channel listens to event n
 *   clock in "clk"               the clock the peripheral runs from
 *
 * A peripheral that computes its events from the clock when asked (the
 * counters) needs to raise on time only the events that something
 * waits for: nrf_peripheral_wanted() says which, and the class hook
 * wanted_changed() is called when that changes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF_PERIPHERAL_H
#define HW_MISC_NRF_PERIPHERAL_H

#include "hw/irq.h"
#include "hw/sysbus.h"
#include "hw/clock.h"
#include "migration/vmstate.h"
#include "qom/object.h"

#define TYPE_NRF_PERIPHERAL "nrf-peripheral"
OBJECT_DECLARE_TYPE(NRFPeripheralState, NRFPeripheralClass, NRF_PERIPHERAL)

#define NRF_PERIPHERAL_SIZE     0x1000
#define NRF_MAX_TASKS           32
#define NRF_MAX_EVENTS          32

#define NRF_TASKS_BASE          0x000
#define NRF_TASKS_END           (NRF_TASKS_BASE + 4 * NRF_MAX_TASKS)
#define NRF_EVENTS_BASE         0x100
#define NRF_EVENTS_END          (NRF_EVENTS_BASE + 4 * NRF_MAX_EVENTS)
#define NRF_SHORTS              0x200
#define NRF_INTEN               0x300
#define NRF_INTENSET            0x304
#define NRF_INTENCLR            0x308
#define NRF_POWER               0xffc

/* The task number of the task register at @offset, and so on */
#define NRF_TASK(offset)        (((offset) - NRF_TASKS_BASE) / 4)
#define NRF_EVENT(offset)       (((offset) - NRF_EVENTS_BASE) / 4)

/* The qdev lines of every peripheral */
#define NRF_TASK_GPIO           "task"
#define NRF_EVENT_GPIO          "event"
#define NRF_ROUTED_GPIO         "event-routed"
#define NRF_CLOCK_IN            "clk"

struct NRFPeripheralState {
    SysBusDevice parent_obj;

    MemoryRegion mmio;
    qemu_irq irq;
    qemu_irq event_out[NRF_MAX_EVENTS];
    Clock *clk;
    /*
     * The tasks and events this instance has: the class's, or fewer
     * where instances differ (RTC0 has fewer CC than RTC1); set them in
     * realize
     */
    uint32_t task_mask;
    uint32_t event_mask;

    /* Guest-visible state */
    uint32_t events;            /* one bit per EVENTS register */
    uint32_t inten;
    uint32_t shorts;
    uint32_t power;
    /* The events a PPI channel listens to, from the "event-routed" lines */
    uint32_t routed;
};

struct NRFPeripheralClass {
    SysBusDeviceClass parent_class;

    /* Set by the subclass's class_init */
    const char *name;           /* for logs, e.g. "nrf51-rng" */
    uint32_t tasks;             /* the tasks that exist */
    uint32_t events;            /* the events that exist */
    uint32_t shorts;            /* the writable SHORTS bits; 0: no SHORTS */
    bool has_power;             /* the POWER register at 0xffc */

    /* Task @n, from a TASKS register or the "task" line */
    void (*task)(NRFPeripheralState *s, unsigned n);
    /* The registers outside the frame */
    uint64_t (*read)(NRFPeripheralState *s, hwaddr offset, unsigned size);
    void (*write)(NRFPeripheralState *s, hwaddr offset, uint64_t value,
                  unsigned size);
    /* Raise the events due by now, before EVENTS or INTEN is accessed */
    void (*sync)(NRFPeripheralState *s);
    /* nrf_peripheral_wanted() or SHORTS changed */
    void (*wanted_changed)(NRFPeripheralState *s);
    /* The "clk" input changed frequency (or stopped: 0 Hz) */
    void (*clock_changed)(NRFPeripheralState *s);
    /*
     * Reset: reset() returns the subclass's own state to its reset
     * values (the enter phase: no lines move); reset_hold() then drives
     * its lines.  The frame and the IRQ are the base's.
     */
    void (*reset)(NRFPeripheralState *s);
    void (*reset_hold)(NRFPeripheralState *s);
};

/* Raise event @n: set its register, pulse its line, update the IRQ */
void nrf_peripheral_event(NRFPeripheralState *s, unsigned n);

/* Pulse the line of event @n only, without setting its register */
static inline void nrf_peripheral_signal(NRFPeripheralState *s, unsigned n)
{
    qemu_irq_pulse(s->event_out[n]);
}

static inline void nrf_peripheral_update_irq(NRFPeripheralState *s)
{
    qemu_set_irq(s->irq, !!(s->events & s->inten));
}

/* The events something waits for: an interrupt or a PPI channel */
static inline uint32_t nrf_peripheral_wanted(NRFPeripheralState *s)
{
    return s->inten | s->routed;
}

/* The frequency of the "clk" input, 0 while it is stopped */
static inline uint64_t nrf_peripheral_clock_hz(NRFPeripheralState *s)
{
    return clock_get_hz(s->clk);
}

/* Log a guest access to a register the peripheral does not have */
void nrf_peripheral_bad_offset(NRFPeripheralState *s, hwaddr offset,
                               bool write);

extern const VMStateDescription vmstate_nrf_peripheral;

/* The frame's state, first in the subclass's vmstate */
#define VMSTATE_NRF_PERIPHERAL(_field, _state) \
    VMSTATE_STRUCT(_field, _state, 1, vmstate_nrf_peripheral, \
                   NRFPeripheralState)

#endif
