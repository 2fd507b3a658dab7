/*
 * nRF51 programmable peripheral interconnect (PPI)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_PPI_H
#define HW_MISC_NRF51_PPI_H

#include "hw/sysbus.h"
#include "hw/misc/nrf51_events.h"
#include "qom/object.h"

#define TYPE_NRF51_PPI "nrf51-ppi"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51PPIState, NRF51_PPI)

#define NRF51_PPI_CHANNELS          32  /* 0-15 programmable, 20-31 fixed */
#define NRF51_PPI_PROG_CHANNELS     16
#define NRF51_PPI_GROUPS            4

/*
 * Input GPIO lines "event": line ID * NRF51_MAX_EVENTS + n is event n
 * of peripheral ID, that is, the event register at
 * 0x40000000 + ID * 0x1000 + 0x100 + 4 * n.
 */
#define NRF51_PPI_EVENT_LINES       (32 * NRF51_MAX_EVENTS)

struct NRF51PPIState {
    SysBusDevice parent_obj;

    MemoryRegion mmio;
    AddressSpace *as;
    MemoryRegion *downstream;
    unsigned depth;             /* nesting of event -> task -> event */

    /* The event state of each peripheral ID, to tell what is routed */
    NRF51Events *sources[32];

    uint32_t chen;
    uint32_t eep[NRF51_PPI_PROG_CHANNELS];
    uint32_t tep[NRF51_PPI_PROG_CHANNELS];
    uint32_t chg[NRF51_PPI_GROUPS];
};

/* Tell the PPI where the events of peripheral @id live */
void nrf51_ppi_set_source(NRF51PPIState *s, unsigned id, NRF51Events *e);

#endif
