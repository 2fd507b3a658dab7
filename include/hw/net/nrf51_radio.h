/*
 * nRF51 2.4 GHz radio (RADIO)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_NET_NRF51_RADIO_H
#define HW_NET_NRF51_RADIO_H

#include "hw/misc/nrf_peripheral.h"
#include "hw/misc/nrf_easydma.h"
#include "net/net.h"
#include "qom/object.h"

#define TYPE_NRF51_RADIO "nrf51-radio"
OBJECT_DECLARE_SIMPLE_TYPE(NRF51RadioState, NRF51_RADIO)

/*
 * Frames on the medium: Ethernet broadcast with this EtherType (IEEE
 * 802 local experimental EtherType 1), then struct NRF51RadioFrameHdr,
 * the address and the on-air bits (see docs/system/arm/microbit.rst).
 */
#define NRF51_RADIO_ETHERTYPE   0x88b5
#define NRF51_RADIO_VERSION     1

/* The longest packet: S0, LENGTH and S1, 255 bytes of payload, CRC */
#define NRF51_RADIO_MAX_PDU     (3 + 255 + 3)

#define NRF51_RADIO_NUM_DA      8

/* Ethernet header, radio header and address, packet */
#define NRF51_RADIO_FRAME_MAX   (14 + 14 + 5 + NRF51_RADIO_MAX_PDU)

struct NRF51RadioState {
    NRFPeripheralState parent_obj;

    MemoryRegion *downstream;
    NRFEasyDMA dma;
    NICState *nic;
    NICConf conf;
    QEMUTimer *timer;

    uint32_t sram_size;
    uint64_t sender_id;         /* tells its own frames apart */
    int32_t rssi_dbm;           /* what RSSISAMPLE measures */

    /* Registers */
    uint32_t crcstatus;
    uint32_t rxmatch;
    uint32_t rxcrc;
    uint32_t dai;
    uint32_t packetptr;
    uint32_t frequency;
    uint32_t txpower;
    uint32_t mode;
    uint32_t pcnf0;
    uint32_t pcnf1;
    uint32_t base[2];
    uint32_t prefix[2];
    uint32_t txaddress;
    uint32_t rxaddresses;
    uint32_t crccnf;
    uint32_t crcpoly;
    uint32_t crcinit;
    uint32_t test;
    uint32_t tifs;
    uint32_t rssisample;
    uint32_t state;
    uint32_t datawhiteiv;
    uint32_t bcc;
    uint32_t dab[NRF51_RADIO_NUM_DA];
    uint32_t dap[NRF51_RADIO_NUM_DA];
    uint32_t dacnf;
    uint32_t override[5];

    /* The bit counter runs; the packet's buffer; the frame being sent */
    bool bc_running;
    NRFEasyDMABuffer packet;    /* PACKETPTR, latched by START */
    uint32_t tx_len;
    uint8_t tx_frame[NRF51_RADIO_FRAME_MAX];
};

#endif
