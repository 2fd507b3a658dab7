/*
 * nRF51 peripheral slot shared by SPI, TWI and SPIS
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_SERIAL_SLOT_H
#define HW_MISC_NRF51_SERIAL_SLOT_H

#include "hw/sysbus.h"
#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF51_SERIAL_SLOT "nrf51-serial-slot"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51SerialSlotState, NRF51_SERIAL_SLOT)

/* The members of a slot, in the order of the member line arrays */
enum {
    NRF51_SLOT_TWI,
    NRF51_SLOT_SPI,
    NRF51_SLOT_SPIS,            /* optional: SPIS1, in slot 1 only */
    NRF51_SLOT_MEMBERS
};

/* The shared configuration windows, while no member is enabled */
#define NRF51_SLOT_WINDOWS      4

/*
 * sysbus MMIO 0: the slot's 4 KiB, at 0x40000000 + ID * 0x1000.
 *
 * Links (MemoryRegion) "twi", "spi" and, optionally, "spis": the
 * members' registers (their sysbus MMIO 0), which become subregions of
 * the slot.
 *
 * GPIO lines:
 *  in  "task" [n]              from the PPI's "ppi-task" for the slot's
 *                              ID: task n of the enabled member
 *  in  "event-routed" [n]      from the PPI's "ppi-routed" for the ID
 *  out "member-task" [m * 32 + n]    to member m's "task" [n]
 *  out "member-routed" [m * 32 + n]  to member m's "event-routed" [n]
 * The members' "event" outputs go straight to the PPI's "ppi-event"
 * inputs for the ID, and their interrupts to an OR gate.
 */
#define NRF51_SLOT_MEMBER_TASK      "member-task"
#define NRF51_SLOT_MEMBER_ROUTED    "member-routed"

typedef struct NRF51SerialWindow {
    MemoryRegion mr;
    NRF51SerialSlotState *slot;
    hwaddr base;
} NRF51SerialWindow;

struct NRF51SerialSlotState {
    SysBusDevice parent_obj;

    MemoryRegion container;
    NRF51SerialWindow enable_win;       /* ENABLE, always */
    NRF51SerialWindow power_win;        /* POWER, always */
    NRF51SerialWindow shared[NRF51_SLOT_WINDOWS];
    qemu_irq task_out[NRF51_SLOT_MEMBERS * NRF_MAX_TASKS];
    qemu_irq routed_out[NRF51_SLOT_MEMBERS * NRF_MAX_EVENTS];

    /* Links */
    MemoryRegion *member[NRF51_SLOT_MEMBERS];

    /* The last value written to ENABLE (0 after POWER = 0) */
    uint32_t enable;
};

#endif
