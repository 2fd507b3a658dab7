/*
 * Nordic nRF5 programmable peripheral interconnect (PPI)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_NRF51_PPI_H
#define HW_MISC_NRF51_PPI_H

#include "hw/misc/nrf_peripheral.h"
#include "qom/object.h"

#define TYPE_NRF_PPI "nrf-ppi"
OBJECT_DECLARE_TYPE(NRFPPIState, NRFPPIClass, NRF_PPI)

#define TYPE_NRF51_PPI "nrf51-ppi"

#define NRF_PPI_CHANNELS        32
#define NRF_PPI_MAX_GROUPS      6
#define NRF_PPI_MAX_IDS         64

/* One of the channels wired in the factory */
typedef struct NRFPPIFixedChannel {
    uint32_t eep;
    uint32_t tep;
} NRFPPIFixedChannel;

/* What one chip's PPI has */
typedef struct NRFPPIVariant {
    unsigned num_ids;           /* peripheral IDs it connects */
    unsigned prog_channels;     /* channels 0.. are programmable */
    unsigned groups;
    bool fork;                  /* FORK[n].TEP: a second task per channel */
    unsigned first_fixed;       /* the fixed channels, up to 31 */
    const NRFPPIFixedChannel *fixed;
} NRFPPIVariant;

/*
 * The crossbar's lines, for peripheral ID id and index n (0-31):
 *   in  "ppi-event" [id * 32 + n]  event n of peripheral id happened
 *   out "ppi-task" [id * 32 + n]   trigger task n of peripheral id
 *   out "ppi-routed" [id * 32 + n] level: a channel listens to event n
 * The PPI's own tasks (CHG[n].EN/DIS) are its "task" inputs, which the
 * SoC connects to its task outputs for the PPI's own ID.
 */
#define NRF_PPI_EVENT_IN        "ppi-event"
#define NRF_PPI_TASK_OUT        "ppi-task"
#define NRF_PPI_ROUTED_OUT      "ppi-routed"
#define NRF_PPI_LINE(id, n)     ((id) * 32 + (n))

struct NRFPPIState {
    NRFPeripheralState parent_obj;

    qemu_irq task_out[NRF_PPI_MAX_IDS * 32];
    qemu_irq routed_out[NRF_PPI_MAX_IDS * 32];
    unsigned depth;             /* nesting of event -> task -> event */

    /* Guest-visible state */
    uint32_t chen;
    uint32_t eep[NRF_PPI_CHANNELS];
    uint32_t tep[NRF_PPI_CHANNELS];
    uint32_t fork_tep[NRF_PPI_CHANNELS];
    uint32_t chg[NRF_PPI_MAX_GROUPS];

    /* Derived: the line each channel listens to and triggers, or -1 */
    int event_line[NRF_PPI_CHANNELS];
    int task_line[NRF_PPI_CHANNELS];
    int fork_line[NRF_PPI_CHANNELS];
    /* Derived: the events listened to, per peripheral ID */
    uint32_t routed[NRF_PPI_MAX_IDS];
};

struct NRFPPIClass {
    NRFPeripheralClass parent_class;

    const NRFPPIVariant *variant;
};

#endif
