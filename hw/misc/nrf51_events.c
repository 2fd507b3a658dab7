/*
 * nRF51 peripheral events and interrupts: migration state
 *
 * The helpers themselves are inline in include/hw/misc/nrf51_events.h.
 * Which events the PPI routes is not migrated: the PPI recomputes it
 * from its own registers after loading.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/misc/nrf51_events.h"
#include "migration/vmstate.h"

const VMStateDescription vmstate_nrf51_events = {
    .name = "nrf51-events",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(pending, NRF51Events),
        VMSTATE_UINT32(inten, NRF51Events),
        VMSTATE_END_OF_LIST()
    }
};
