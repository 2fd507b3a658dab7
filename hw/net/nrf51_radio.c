/*
 * nRF51 2.4 GHz radio (RADIO)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 17 (RADIO).
 *
 * The radio is the board's NIC: what it sends goes out through QEMU's
 * network layer ("-nic vde,sock=...", "-nic socket,..." and so on), so
 * that boards on one medium hear each other.  Each packet travels as
 * one Ethernet broadcast frame (EtherType 0x88b5) holding the mode,
 * the frequency, the address and the packet's on-air bits after the
 * address: S0, LENGTH, S1, payload and CRC, whitened if enabled, as
 * the chip would send them.  A receiver takes only frames on its own
 * mode and frequency whose address matches one it listens to, then
 * de-whitens, checks the CRC and stores the packet as the chip does,
 * so a sender and a receiver that disagree on whitening, CRC or packet
 * layout see the errors real boards would.
 *
 * Timing: the radio ramps up in 140 us, a packet takes its airtime at
 * the mode's bit rate (its ADDRESS, PAYLOAD and END events come when it
 * has been sent), and disabling takes 4 us.  A packet is delivered
 * when the sender has sent it; a receiver that is not listening then
 * misses it, as on the air.
 *
 * EasyDMA (include/hw/misc/nrf_easydma.h): START latches PACKETPTR, the
 * buffer the packet is sent from or received into (PACKETPTR is
 * double-buffered: firmware may set up the next buffer meanwhile).  A
 * packet that does not fit in RAM there is not sent, or not stored.
 *
 * The sender identity (the "sender-id" property, which the SoC sets
 * from the FICR's device ID) is migrated with the FICR's, so that the
 * radio still knows its own frames after a migration.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "hw/arm/nrf51.h"
#include "hw/net/nrf51_radio.h"
#include "hw/qdev-properties.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "net/eth.h"
#include "trace.h"

REG32(TASKS_TXEN, 0x000)
REG32(TASKS_RXEN, 0x004)
REG32(TASKS_START, 0x008)
REG32(TASKS_STOP, 0x00c)
REG32(TASKS_DISABLE, 0x010)
REG32(TASKS_RSSISTART, 0x014)
REG32(TASKS_RSSISTOP, 0x018)
REG32(TASKS_BCSTART, 0x01c)
REG32(TASKS_BCSTOP, 0x020)
REG32(EVENTS_READY, 0x100)
REG32(EVENTS_ADDRESS, 0x104)
REG32(EVENTS_PAYLOAD, 0x108)
REG32(EVENTS_END, 0x10c)
REG32(EVENTS_DISABLED, 0x110)
REG32(EVENTS_DEVMATCH, 0x114)
REG32(EVENTS_DEVMISS, 0x118)
REG32(EVENTS_RSSIEND, 0x11c)
REG32(EVENTS_BCMATCH, 0x128)
REG32(SHORTS, 0x200)
REG32(CRCSTATUS, 0x400)
REG32(RXMATCH, 0x408)
REG32(RXCRC, 0x40c)
REG32(DAI, 0x410)
REG32(PACKETPTR, 0x504)
REG32(FREQUENCY, 0x508)
REG32(TXPOWER, 0x50c)
REG32(MODE, 0x510)
REG32(PCNF0, 0x514)
    FIELD(PCNF0, LFLEN, 0, 4)
    FIELD(PCNF0, S0LEN, 8, 1)
    FIELD(PCNF0, S1LEN, 16, 4)
REG32(PCNF1, 0x518)
    FIELD(PCNF1, MAXLEN, 0, 8)
    FIELD(PCNF1, STATLEN, 8, 8)
    FIELD(PCNF1, BALEN, 16, 3)
    FIELD(PCNF1, ENDIAN, 24, 1)
    FIELD(PCNF1, WHITEEN, 25, 1)
REG32(BASE0, 0x51c)
REG32(BASE1, 0x520)
REG32(PREFIX0, 0x524)
REG32(PREFIX1, 0x528)
REG32(TXADDRESS, 0x52c)
REG32(RXADDRESSES, 0x530)
REG32(CRCCNF, 0x534)
    FIELD(CRCCNF, LEN, 0, 2)
    FIELD(CRCCNF, SKIPADDR, 8, 1)
REG32(CRCPOLY, 0x538)
REG32(CRCINIT, 0x53c)
REG32(TEST, 0x540)
REG32(TIFS, 0x544)
REG32(RSSISAMPLE, 0x548)
REG32(STATE, 0x550)
REG32(DATAWHITEIV, 0x554)
REG32(BCC, 0x560)
REG32(DAB0, 0x600)
REG32(DAB7, 0x61c)
REG32(DAP0, 0x620)
REG32(DAP7, 0x63c)
REG32(DACNF, 0x640)
REG32(OVERRIDE0, 0x724)
REG32(OVERRIDE4, 0x734)

#define EV(reg)         NRF_EVENT(A_EVENTS_##reg)
#define EV_READY        EV(READY)
#define EV_ADDRESS      EV(ADDRESS)
#define EV_PAYLOAD      EV(PAYLOAD)
#define EV_END          EV(END)
#define EV_DISABLED     EV(DISABLED)
#define EV_DEVMATCH     EV(DEVMATCH)
#define EV_DEVMISS      EV(DEVMISS)
#define EV_RSSIEND      EV(RSSIEND)
#define EV_BCMATCH      EV(BCMATCH)

#define SHORT_READY_START       BIT(0)
#define SHORT_END_DISABLE       BIT(1)
#define SHORT_DISABLED_TXEN     BIT(2)
#define SHORT_DISABLED_RXEN     BIT(3)
#define SHORT_ADDRESS_RSSISTART BIT(4)
#define SHORT_END_START         BIT(5)
#define SHORT_ADDRESS_BCSTART   BIT(6)
#define SHORT_DISABLED_RSSISTOP BIT(8)
#define SHORTS_MASK             0x17f

enum {
    STATE_DISABLED = 0,
    STATE_RXRU = 1,
    STATE_RXIDLE = 2,
    STATE_RX = 3,
    STATE_RXDISABLE = 4,
    STATE_TXRU = 9,
    STATE_TXIDLE = 10,
    STATE_TX = 11,
    STATE_TXDISABLE = 12,
};

enum {
    MODE_NRF_1MBIT = 0,
    MODE_NRF_2MBIT = 1,
    MODE_NRF_250KBIT = 2,
    MODE_BLE_1MBIT = 3,
};

#define RAMP_UP_NS      (140 * SCALE_US)
#define DISABLE_NS      (4 * SCALE_US)
#define PREAMBLE_BITS   8

/* What follows the Ethernet header in a frame */
#define HDR_VERSION     0
#define HDR_MODE        1
#define HDR_FREQUENCY   2
#define HDR_ADDR_LEN    3
#define HDR_SENDER      4
#define HDR_BITS        12
#define HDR_ADDR        14
#define MAX_ADDR_LEN    5
#define MAX_PDU_BITS    (NRF51_RADIO_MAX_PDU * 8)

QEMU_BUILD_BUG_ON(ETH_HLEN + HDR_ADDR + MAX_ADDR_LEN + NRF51_RADIO_MAX_PDU !=
                  NRF51_RADIO_FRAME_MAX);

/* Bit streams, bit n at bit (n % 8) of byte n / 8 */

static void bits_put(uint8_t *buf, unsigned *pos, uint32_t value,
                     unsigned n, bool msb_first)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        unsigned bit = msb_first ? n - 1 - i : i;

        if (*pos >= MAX_PDU_BITS) {
            return;
        }
        if (value & BIT(bit)) {
            buf[*pos / 8] |= BIT(*pos % 8);
        } else {
            buf[*pos / 8] &= ~BIT(*pos % 8);
        }
        (*pos)++;
    }
}

/* Bits past @total read as 0 */
static uint32_t bits_get(const uint8_t *buf, unsigned *pos, unsigned n,
                         bool msb_first, unsigned total)
{
    uint32_t value = 0;
    unsigned i;

    for (i = 0; i < n; i++) {
        unsigned bit = msb_first ? n - 1 - i : i;

        if (*pos < total && (buf[*pos / 8] & BIT(*pos % 8))) {
            value |= BIT(bit);
        }
        (*pos)++;
    }
    return value;
}

/* The packet's configuration, decoded */
typedef struct RadioLayout {
    unsigned s0_bytes;
    unsigned lf_bits;
    unsigned s1_bits;
    unsigned maxlen;
    unsigned statlen;
    unsigned crc_bytes;
    bool msb_first;
} RadioLayout;

static void radio_layout(NRF51RadioState *s, RadioLayout *l)
{
    l->s0_bytes = FIELD_EX32(s->pcnf0, PCNF0, S0LEN);
    l->lf_bits = FIELD_EX32(s->pcnf0, PCNF0, LFLEN);
    l->s1_bits = FIELD_EX32(s->pcnf0, PCNF0, S1LEN);
    l->maxlen = FIELD_EX32(s->pcnf1, PCNF1, MAXLEN);
    l->statlen = FIELD_EX32(s->pcnf1, PCNF1, STATLEN);
    l->crc_bytes = FIELD_EX32(s->crccnf, CRCCNF, LEN);
    l->msb_first = FIELD_EX32(s->pcnf1, PCNF1, ENDIAN);
}

/* RAM holds S0, LENGTH and S1 in a byte each when present, then payload */
static unsigned radio_ram_header(const RadioLayout *l)
{
    return l->s0_bytes + (l->lf_bits ? 1 : 0) + (l->s1_bits ? 1 : 0);
}

/*
 * Logical address @n as sent on air, least significant byte first: the
 * BALEN most significant bytes of its base address, then its prefix.
 */
static unsigned radio_address(NRF51RadioState *s, unsigned n, uint8_t *addr)
{
    unsigned balen = FIELD_EX32(s->pcnf1, PCNF1, BALEN);
    uint32_t base = s->base[n ? 1 : 0];
    unsigned i;

    if (balen < 2 || balen > 4) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: BALEN %u is not 2 to 4\n",
                      __func__, balen);
        balen = balen < 2 ? 2 : 4;
    }
    for (i = 0; i < balen; i++) {
        addr[i] = base >> (8 * (4 - balen + i));
    }
    addr[balen] = s->prefix[n / 4] >> (8 * (n % 4));
    return balen + 1;
}

/* CRC: a shift register of CRCCNF.LEN bytes, fed bit by bit on air */
static uint32_t crc_feed(uint32_t crc, const uint8_t *buf, unsigned nbits,
                         unsigned len, uint32_t poly)
{
    uint32_t top = BIT(len * 8 - 1);
    uint32_t mask = MAKE_64BIT_MASK(0, len * 8);
    unsigned i;

    for (i = 0; i < nbits; i++) {
        bool in = buf[i / 8] & BIT(i % 8);
        bool feedback = !!(crc & top) ^ in;

        crc = (crc << 1) & mask;
        if (feedback) {
            crc ^= poly & mask;
        }
    }
    return crc;
}

static uint32_t radio_crc(NRF51RadioState *s, const RadioLayout *l,
                          const uint8_t *addr, unsigned addr_len,
                          const uint8_t *pdu, unsigned pdu_bits)
{
    uint32_t crc = s->crcinit;
    uint8_t addr_bits[MAX_ADDR_LEN];
    unsigned pos = 0, i;

    if (!FIELD_EX32(s->crccnf, CRCCNF, SKIPADDR)) {
        for (i = 0; i < addr_len; i++) {
            bits_put(addr_bits, &pos, addr[i], 8, l->msb_first);
        }
        crc = crc_feed(crc, addr_bits, pos, l->crc_bytes, s->crcpoly);
    }
    return crc_feed(crc, pdu, pdu_bits, l->crc_bytes, s->crcpoly);
}

/*
 * Data whitening: the 7-bit LFSR x^7 + x^4 + 1, positions 0 to 6 loaded
 * from DATAWHITEIV bits 6 to 0 (bit 6 is always 1); position 6 is the
 * output, XORed into each bit and fed back to positions 0 and 4.
 */
static void radio_whiten(uint32_t iv, uint8_t *buf, unsigned nbits)
{
    unsigned lfsr = 0, i;

    iv |= 0x40;
    for (i = 0; i < 7; i++) {
        if (iv & BIT(6 - i)) {
            lfsr |= BIT(i);
        }
    }
    for (i = 0; i < nbits; i++) {
        bool out = lfsr & BIT(6);

        lfsr = ((lfsr << 1) & 0x7f) | out;
        if (out) {
            lfsr ^= BIT(4);
            buf[i / 8] ^= BIT(i % 8);
        }
    }
}

static int64_t radio_bit_ns(NRF51RadioState *s)
{
    switch (s->mode) {
    case MODE_NRF_2MBIT:
        return 500;
    case MODE_NRF_250KBIT:
        return 4000;
    default:
        return 1000;
    }
}

static void radio_task(NRF51RadioState *s, hwaddr task);

static void radio_set_state(NRF51RadioState *s, uint32_t state)
{
    if (s->state != state) {
        trace_nrf51_radio_state(s->state, state);
        s->state = state;
    }
}

/* Raise event @n, then run the tasks its shorts start */
static void radio_event(NRF51RadioState *s, unsigned n)
{
    uint32_t shorts = s->parent_obj.shorts;

    nrf_peripheral_event(&s->parent_obj, n);
    switch (n) {
    case EV_READY:
        if (shorts & SHORT_READY_START) {
            radio_task(s, A_TASKS_START);
        }
        break;
    case EV_ADDRESS:
        if (shorts & SHORT_ADDRESS_RSSISTART) {
            radio_task(s, A_TASKS_RSSISTART);
        }
        if (shorts & SHORT_ADDRESS_BCSTART) {
            radio_task(s, A_TASKS_BCSTART);
        }
        break;
    case EV_END:
        if (shorts & SHORT_END_DISABLE) {
            radio_task(s, A_TASKS_DISABLE);
        } else if (shorts & SHORT_END_START) {
            radio_task(s, A_TASKS_START);
        }
        break;
    case EV_DISABLED:
        if (shorts & SHORT_DISABLED_RSSISTOP) {
            radio_task(s, A_TASKS_RSSISTOP);
        }
        if (shorts & SHORT_DISABLED_TXEN) {
            radio_task(s, A_TASKS_TXEN);
        } else if (shorts & SHORT_DISABLED_RXEN) {
            radio_task(s, A_TASKS_RXEN);
        }
        break;
    }
}

/* The bit counter, started at the address, matches after BCC bits */
static void radio_bit_counter(NRF51RadioState *s, unsigned pdu_bits)
{
    if (s->bc_running && s->bcc <= pdu_bits) {
        s->bc_running = false;
        radio_event(s, EV_BCMATCH);
    }
}

/*
 * Build the frame for the packet at PACKETPTR; returns its airtime.  A
 * packet that cannot be fetched sends nothing but still takes the
 * preamble's time, so that END -> START cannot loop in no time at all.
 */
static int64_t radio_build_frame(NRF51RadioState *s)
{
    RadioLayout l;
    uint8_t ram[NRF51_RADIO_MAX_PDU] = { 0 };
    uint8_t addr[MAX_ADDR_LEN];
    uint8_t *hdr = s->tx_frame + ETH_HLEN;
    uint8_t *pdu;
    unsigned addr_len, header, len, pos = 0, i;
    uint32_t crc;

    radio_layout(s, &l);
    header = radio_ram_header(&l);
    if (!nrf_easydma_read(&s->dma, &s->packet, 0, ram, header)) {
        s->tx_len = 0;
        return PREAMBLE_BITS * radio_bit_ns(s);
    }
    len = l.lf_bits ? ram[l.s0_bytes] & MAKE_64BIT_MASK(0, l.lf_bits) : 0;
    len = MIN(len, l.maxlen) + l.statlen;
    len = MIN(len, 255);
    if (!nrf_easydma_read(&s->dma, &s->packet, header, ram + header, len)) {
        s->tx_len = 0;
        return PREAMBLE_BITS * radio_bit_ns(s);
    }

    addr_len = radio_address(s, s->txaddress & 7, addr);
    pdu = hdr + HDR_ADDR + addr_len;
    memset(pdu, 0, NRF51_RADIO_MAX_PDU);
    i = 0;
    if (l.s0_bytes) {
        bits_put(pdu, &pos, ram[i++], 8, l.msb_first);
    }
    if (l.lf_bits) {
        bits_put(pdu, &pos, ram[i++], l.lf_bits, l.msb_first);
    }
    if (l.s1_bits) {
        bits_put(pdu, &pos, ram[i++], l.s1_bits, l.msb_first);
    }
    for (i = 0; i < len; i++) {
        bits_put(pdu, &pos, ram[header + i], 8, l.msb_first);
    }
    if (l.crc_bytes) {
        crc = radio_crc(s, &l, addr, addr_len, pdu, pos);
        /* The CRC goes out most significant bit first */
        bits_put(pdu, &pos, crc, l.crc_bytes * 8, true);
    }
    if (FIELD_EX32(s->pcnf1, PCNF1, WHITEEN)) {
        radio_whiten(s->datawhiteiv, pdu, pos);
    }

    memset(s->tx_frame, 0xff, ETH_ALEN);
    s->tx_frame[ETH_ALEN] = 0x02;       /* locally administered */
    stl_be_p(s->tx_frame + ETH_ALEN + 1, s->sender_id);
    s->tx_frame[ETH_ALEN + 5] = s->sender_id >> 32;
    stw_be_p(s->tx_frame + 2 * ETH_ALEN, NRF51_RADIO_ETHERTYPE);
    hdr[HDR_VERSION] = NRF51_RADIO_VERSION;
    hdr[HDR_MODE] = s->mode;
    hdr[HDR_FREQUENCY] = s->frequency;
    hdr[HDR_ADDR_LEN] = addr_len;
    stq_be_p(hdr + HDR_SENDER, s->sender_id);
    stw_be_p(hdr + HDR_BITS, pos);
    memcpy(hdr + HDR_ADDR, addr, addr_len);
    s->tx_len = ETH_HLEN + HDR_ADDR + addr_len + DIV_ROUND_UP(pos, 8);
    trace_nrf51_radio_tx(s->frequency, s->mode, len, s->tx_len);
    return (PREAMBLE_BITS + addr_len * 8 + pos) * radio_bit_ns(s);
}

static void radio_tx_done(NRF51RadioState *s)
{
    unsigned pdu_bits = 0;

    if (s->tx_len) {
        pdu_bits = lduw_be_p(s->tx_frame + ETH_HLEN + HDR_BITS);
        qemu_send_packet(qemu_get_queue(s->nic), s->tx_frame, s->tx_len);
    }
    radio_set_state(s, STATE_TXIDLE);
    radio_event(s, EV_ADDRESS);
    radio_bit_counter(s, pdu_bits);
    radio_event(s, EV_PAYLOAD);
    radio_event(s, EV_END);
}

static void radio_timer_cb(void *opaque)
{
    NRF51RadioState *s = opaque;

    switch (s->state) {
    case STATE_TXRU:
        radio_set_state(s, STATE_TXIDLE);
        radio_event(s, EV_READY);
        break;
    case STATE_RXRU:
        radio_set_state(s, STATE_RXIDLE);
        radio_event(s, EV_READY);
        break;
    case STATE_TX:
        radio_tx_done(s);
        break;
    case STATE_TXDISABLE:
    case STATE_RXDISABLE:
        radio_set_state(s, STATE_DISABLED);
        radio_event(s, EV_DISABLED);
        break;
    }
}

static void radio_after(NRF51RadioState *s, int64_t ns)
{
    timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + ns);
}

static void radio_task(NRF51RadioState *s, hwaddr task)
{
    trace_nrf51_radio_task(task, s->state);
    switch (task) {
    case A_TASKS_TXEN:
    case A_TASKS_RXEN:
        if (s->state != STATE_DISABLED) {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: %s while not disabled\n",
                          __func__, task == A_TASKS_TXEN ? "TXEN" : "RXEN");
            return;
        }
        radio_set_state(s, task == A_TASKS_TXEN ? STATE_TXRU : STATE_RXRU);
        radio_after(s, RAMP_UP_NS);
        break;
    case A_TASKS_START:
        if (s->state == STATE_TXIDLE) {
            nrf_easydma_start(&s->packet, s->packetptr, NRF51_RADIO_MAX_PDU);
            radio_set_state(s, STATE_TX);
            radio_after(s, radio_build_frame(s));
        } else if (s->state == STATE_RXIDLE) {
            nrf_easydma_start(&s->packet, s->packetptr, NRF51_RADIO_MAX_PDU);
            radio_set_state(s, STATE_RX);
        }
        break;
    case A_TASKS_STOP:
        if (s->state == STATE_TX) {
            timer_del(s->timer);
            radio_set_state(s, STATE_TXIDLE);
        } else if (s->state == STATE_RX) {
            radio_set_state(s, STATE_RXIDLE);
        }
        break;
    case A_TASKS_DISABLE:
        switch (s->state) {
        case STATE_DISABLED:
            /* Nothing to turn off: report it done all the same */
            radio_event(s, EV_DISABLED);
            break;
        case STATE_TXRU:
        case STATE_TXIDLE:
        case STATE_TX:
            radio_set_state(s, STATE_TXDISABLE);
            radio_after(s, DISABLE_NS);
            break;
        case STATE_RXRU:
        case STATE_RXIDLE:
        case STATE_RX:
            radio_set_state(s, STATE_RXDISABLE);
            radio_after(s, DISABLE_NS);
            break;
        }
        break;
    case A_TASKS_RSSISTART:
        s->rssisample = MIN(-s->rssi_dbm, 127);
        radio_event(s, EV_RSSIEND);
        break;
    case A_TASKS_BCSTART:
        s->bc_running = true;
        break;
    case A_TASKS_BCSTOP:
        s->bc_running = false;
        break;
    }
}

/* Device address match on the first 48 bits of the payload */
static void radio_device_match(NRF51RadioState *s, const uint8_t *ram,
                               const RadioLayout *l)
{
    const uint8_t *payload = ram + radio_ram_header(l);
    bool txadd = l->s0_bytes && (ram[0] & BIT(6));
    unsigned i;

    if (!(s->dacnf & 0xff)) {
        return;
    }
    for (i = 0; i < NRF51_RADIO_NUM_DA; i++) {
        if ((s->dacnf & BIT(i)) &&
            ldl_le_p(payload) == s->dab[i] &&
            lduw_le_p(payload + 4) == (s->dap[i] & 0xffff) &&
            !!(s->dacnf & BIT(8 + i)) == txadd) {
            s->dai = i;
            radio_event(s, EV_DEVMATCH);
            return;
        }
    }
    radio_event(s, EV_DEVMISS);
}

static void radio_drop(const char *why)
{
    trace_nrf51_radio_drop(why);
}

/* A packet the medium delivers while listening, already matched */
static void radio_receive_packet(NRF51RadioState *s, unsigned match,
                                 const uint8_t *addr, unsigned addr_len,
                                 const uint8_t *bits, unsigned nbits)
{
    uint8_t pdu[NRF51_RADIO_MAX_PDU] = { 0 };
    uint8_t ram[NRF51_RADIO_MAX_PDU] = { 0 };
    RadioLayout l;
    unsigned pos = 0, header, len, i, crc_at;
    uint32_t length_field, crc;

    radio_layout(s, &l);
    memcpy(pdu, bits, DIV_ROUND_UP(nbits, 8));
    if (FIELD_EX32(s->pcnf1, PCNF1, WHITEEN)) {
        radio_whiten(s->datawhiteiv, pdu, nbits);
    }

    s->rxmatch = match;
    radio_event(s, EV_ADDRESS);

    i = 0;
    if (l.s0_bytes) {
        ram[i++] = bits_get(pdu, &pos, 8, l.msb_first, nbits);
    }
    length_field = 0;
    if (l.lf_bits) {
        length_field = bits_get(pdu, &pos, l.lf_bits, l.msb_first, nbits);
        ram[i++] = length_field;
    }
    if (l.s1_bits) {
        ram[i++] = bits_get(pdu, &pos, l.s1_bits, l.msb_first, nbits);
    }
    header = i;
    len = MIN(length_field, l.maxlen) + l.statlen;
    len = MIN(len, 255);
    for (i = 0; i < len; i++) {
        ram[header + i] = bits_get(pdu, &pos, 8, l.msb_first, nbits);
    }
    crc_at = pos;
    radio_bit_counter(s, nbits);

    s->crcstatus = 1;
    if (l.crc_bytes) {
        crc = radio_crc(s, &l, addr, addr_len, pdu, crc_at);
        s->rxcrc = bits_get(pdu, &pos, l.crc_bytes * 8, true, nbits);
        /*
         * A LENGTH above MAXLEN cuts the payload short at both ends,
         * and the CRC covers what was sent: it still checks (MakeCode
         * sends LENGTH 35 with MAXLEN 32).  A packet cut off does not.
         */
        s->crcstatus = crc == s->rxcrc && pos <= nbits;
    }
    /* A packet that does not fit is not stored; it is received all the same */
    nrf_easydma_write(&s->dma, &s->packet, 0, ram, header + len);
    trace_nrf51_radio_rx(s->frequency, match, len, s->crcstatus);
    radio_set_state(s, STATE_RXIDLE);
    radio_event(s, EV_PAYLOAD);
    radio_device_match(s, ram, &l);
    radio_event(s, EV_END);
}

static ssize_t nrf51_radio_receive(NetClientState *nc, const uint8_t *buf,
                                   size_t size)
{
    NRF51RadioState *s = qemu_get_nic_opaque(nc);
    const uint8_t *hdr = buf + ETH_HLEN;
    unsigned addr_len, nbits, n;
    uint8_t addr[MAX_ADDR_LEN];

    if (size < ETH_HLEN + HDR_ADDR ||
        lduw_be_p(buf + 2 * ETH_ALEN) != NRF51_RADIO_ETHERTYPE) {
        radio_drop("not a radio frame");
        return size;
    }
    if (hdr[HDR_VERSION] != NRF51_RADIO_VERSION) {
        radio_drop("unknown version");
        return size;
    }
    addr_len = hdr[HDR_ADDR_LEN];
    nbits = lduw_be_p(hdr + HDR_BITS);
    if (addr_len < 3 || addr_len > MAX_ADDR_LEN || nbits > MAX_PDU_BITS ||
        size < ETH_HLEN + HDR_ADDR + addr_len + DIV_ROUND_UP(nbits, 8)) {
        radio_drop("malformed");
        return size;
    }
    if (ldq_be_p(hdr + HDR_SENDER) == s->sender_id) {
        radio_drop("own frame");
        return size;
    }
    if (s->state != STATE_RX) {
        radio_drop("not listening");
        return size;
    }
    if (hdr[HDR_MODE] != s->mode || hdr[HDR_FREQUENCY] != s->frequency) {
        radio_drop("other channel");
        return size;
    }
    for (n = 0; n < 8; n++) {
        if ((s->rxaddresses & BIT(n)) &&
            radio_address(s, n, addr) == addr_len &&
            !memcmp(addr, hdr + HDR_ADDR, addr_len)) {
            radio_receive_packet(s, n, addr, addr_len,
                                 hdr + HDR_ADDR + addr_len, nbits);
            return size;
        }
    }
    radio_drop("other address");
    return size;
}

static NetClientInfo nrf51_radio_net_info = {
    .type = NET_CLIENT_DRIVER_NIC,
    .size = sizeof(NICState),
    .receive = nrf51_radio_receive,
};

static uint32_t *radio_reg(NRF51RadioState *s, hwaddr offset)
{
    switch (offset) {
    case A_PACKETPTR:
        return &s->packetptr;
    case A_FREQUENCY:
        return &s->frequency;
    case A_TXPOWER:
        return &s->txpower;
    case A_MODE:
        return &s->mode;
    case A_PCNF0:
        return &s->pcnf0;
    case A_PCNF1:
        return &s->pcnf1;
    case A_BASE0:
    case A_BASE1:
        return &s->base[(offset - A_BASE0) / 4];
    case A_PREFIX0:
    case A_PREFIX1:
        return &s->prefix[(offset - A_PREFIX0) / 4];
    case A_TXADDRESS:
        return &s->txaddress;
    case A_RXADDRESSES:
        return &s->rxaddresses;
    case A_CRCCNF:
        return &s->crccnf;
    case A_CRCPOLY:
        return &s->crcpoly;
    case A_CRCINIT:
        return &s->crcinit;
    case A_TEST:
        return &s->test;
    case A_TIFS:
        return &s->tifs;
    case A_DATAWHITEIV:
        return &s->datawhiteiv;
    case A_BCC:
        return &s->bcc;
    case A_DAB0 ... A_DAB7:
        return &s->dab[(offset - A_DAB0) / 4];
    case A_DAP0 ... A_DAP7:
        return &s->dap[(offset - A_DAP0) / 4];
    case A_DACNF:
        return &s->dacnf;
    case A_OVERRIDE0 ... A_OVERRIDE4:
        return &s->override[(offset - A_OVERRIDE0) / 4];
    default:
        return NULL;
    }
}

/* The implemented bits of each writable register */
static uint32_t radio_reg_mask(hwaddr offset)
{
    switch (offset) {
    case A_FREQUENCY:
        return 0x7f;
    case A_TXPOWER:
    case A_TIFS:
        return 0xff;
    case A_MODE:
        return 0x3;
    case A_PCNF0:
        return 0x000f010f;
    case A_PCNF1:
        return 0x0307ffff;
    case A_TXADDRESS:
        return 0x7;
    case A_RXADDRESSES:
        return 0xff;
    case A_CRCCNF:
        return 0x103;
    case A_CRCPOLY:
    case A_CRCINIT:
        return 0xffffff;
    case A_TEST:
        return 0x3;
    case A_DATAWHITEIV:
        return 0x7f;
    case A_DAP0 ... A_DAP7:
        return 0xffff;
    case A_DACNF:
        return 0xffff;
    default:
        return UINT32_MAX;
    }
}

static void nrf51_radio_task(NRFPeripheralState *p, unsigned n)
{
    radio_task(container_of(p, NRF51RadioState, parent_obj),
               NRF_TASKS_BASE + 4 * n);
}

static uint64_t nrf51_radio_read(NRFPeripheralState *p, hwaddr offset,
                                 unsigned size)
{
    NRF51RadioState *s = container_of(p, NRF51RadioState, parent_obj);
    uint32_t *reg = radio_reg(s, offset);
    uint64_t r = 0;

    if (reg) {
        r = *reg;
    } else {
        switch (offset) {
        case A_CRCSTATUS:
            r = s->crcstatus;
            break;
        case A_RXMATCH:
            r = s->rxmatch;
            break;
        case A_RXCRC:
            r = s->rxcrc;
            break;
        case A_DAI:
            r = s->dai;
            break;
        case A_RSSISAMPLE:
            r = s->rssisample;
            break;
        case A_STATE:
            r = s->state;
            break;
        default:
            nrf_peripheral_bad_offset(p, offset, false);
            break;
        }
    }
    trace_nrf51_radio_read(offset, r);
    return r;
}

static void nrf51_radio_write(NRFPeripheralState *p, hwaddr offset,
                              uint64_t value, unsigned size)
{
    NRF51RadioState *s = container_of(p, NRF51RadioState, parent_obj);
    uint32_t *reg = radio_reg(s, offset);

    trace_nrf51_radio_write(offset, value);
    if (reg) {
        *reg = value & radio_reg_mask(offset);
        if (offset == A_FREQUENCY && *reg > 100) {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: FREQUENCY %u is above 100\n",
                          __func__, *reg);
        }
        return;
    }
    switch (offset) {
    case A_CRCSTATUS:
    case A_RXMATCH:
    case A_RXCRC:
    case A_DAI:
    case A_RSSISAMPLE:
    case A_STATE:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: register 0x%" HWADDR_PRIx " is read-only\n",
                      __func__, offset);
        break;
    default:
        nrf_peripheral_bad_offset(p, offset, true);
        break;
    }
}

/* Reset, and powering the radio off through POWER */
static void nrf51_radio_reset(NRFPeripheralState *p)
{
    NRF51RadioState *s = container_of(p, NRF51RadioState, parent_obj);

    timer_del(s->timer);
    s->crcstatus = 0;
    s->rxmatch = 0;
    s->rxcrc = 0;
    s->dai = 0;
    s->packetptr = 0;
    s->frequency = 2;
    s->txpower = 0;
    s->mode = 0;
    s->pcnf0 = 0;
    s->pcnf1 = 0;
    memset(s->base, 0, sizeof(s->base));
    memset(s->prefix, 0, sizeof(s->prefix));
    s->txaddress = 0;
    s->rxaddresses = 0;
    s->crccnf = 0;
    s->crcpoly = 0;
    s->crcinit = 0;
    s->test = 0;
    s->tifs = 0;
    s->rssisample = 0;
    s->state = STATE_DISABLED;
    s->datawhiteiv = 0x40;
    s->bcc = 0;
    memset(s->dab, 0, sizeof(s->dab));
    memset(s->dap, 0, sizeof(s->dap));
    s->dacnf = 0;
    memset(s->override, 0, sizeof(s->override));
    s->bc_running = false;
    nrf_easydma_start(&s->packet, 0, 0);
    s->tx_len = 0;
}

static void nrf51_radio_realize(DeviceState *dev, Error **errp)
{
    NRF51RadioState *s = NRF51_RADIO(dev);

    if (!s->downstream) {
        error_setg(errp, "memory link not set");
        return;
    }
    nrf_easydma_init(&s->dma, s->downstream, TYPE_NRF51_RADIO,
                     NRF51_SRAM_BASE, s->sram_size);
    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, radio_timer_cb, s);
    qemu_macaddr_default_if_unset(&s->conf.macaddr);
    s->nic = qemu_new_nic(&nrf51_radio_net_info, &s->conf,
                          object_get_typename(OBJECT(dev)), dev->id,
                          &dev->mem_reentrancy_guard, s);
}

static int nrf51_radio_post_load(void *opaque, int version_id)
{
    NRF51RadioState *s = opaque;

    if (s->tx_len > sizeof(s->tx_frame) || s->txaddress > 7) {
        return -EINVAL;
    }
    return 0;
}

static const VMStateDescription vmstate_nrf51_radio = {
    .name = TYPE_NRF51_RADIO,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = nrf51_radio_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_NRF_PERIPHERAL(parent_obj, NRF51RadioState),
        VMSTATE_TIMER_PTR(timer, NRF51RadioState),
        VMSTATE_UINT64(sender_id, NRF51RadioState),
        VMSTATE_UINT32(crcstatus, NRF51RadioState),
        VMSTATE_UINT32(rxmatch, NRF51RadioState),
        VMSTATE_UINT32(rxcrc, NRF51RadioState),
        VMSTATE_UINT32(dai, NRF51RadioState),
        VMSTATE_UINT32(packetptr, NRF51RadioState),
        VMSTATE_UINT32(frequency, NRF51RadioState),
        VMSTATE_UINT32(txpower, NRF51RadioState),
        VMSTATE_UINT32(mode, NRF51RadioState),
        VMSTATE_UINT32(pcnf0, NRF51RadioState),
        VMSTATE_UINT32(pcnf1, NRF51RadioState),
        VMSTATE_UINT32_ARRAY(base, NRF51RadioState, 2),
        VMSTATE_UINT32_ARRAY(prefix, NRF51RadioState, 2),
        VMSTATE_UINT32(txaddress, NRF51RadioState),
        VMSTATE_UINT32(rxaddresses, NRF51RadioState),
        VMSTATE_UINT32(crccnf, NRF51RadioState),
        VMSTATE_UINT32(crcpoly, NRF51RadioState),
        VMSTATE_UINT32(crcinit, NRF51RadioState),
        VMSTATE_UINT32(test, NRF51RadioState),
        VMSTATE_UINT32(tifs, NRF51RadioState),
        VMSTATE_UINT32(rssisample, NRF51RadioState),
        VMSTATE_UINT32(state, NRF51RadioState),
        VMSTATE_UINT32(datawhiteiv, NRF51RadioState),
        VMSTATE_UINT32(bcc, NRF51RadioState),
        VMSTATE_UINT32_ARRAY(dab, NRF51RadioState, NRF51_RADIO_NUM_DA),
        VMSTATE_UINT32_ARRAY(dap, NRF51RadioState, NRF51_RADIO_NUM_DA),
        VMSTATE_UINT32(dacnf, NRF51RadioState),
        VMSTATE_UINT32_ARRAY(override, NRF51RadioState, 5),
        VMSTATE_BOOL(bc_running, NRF51RadioState),
        VMSTATE_UINT32(packet.ptr, NRF51RadioState),
        VMSTATE_UINT32(packet.maxcnt, NRF51RadioState),
        VMSTATE_UINT32(tx_len, NRF51RadioState),
        VMSTATE_UINT8_ARRAY(tx_frame, NRF51RadioState,
                            NRF51_RADIO_FRAME_MAX),
        VMSTATE_END_OF_LIST()
    }
};

static const Property nrf51_radio_properties[] = {
    DEFINE_NIC_PROPERTIES(NRF51RadioState, conf),
    DEFINE_PROP_LINK("memory", NRF51RadioState, downstream,
                     TYPE_MEMORY_REGION, MemoryRegion *),
    DEFINE_PROP_UINT32("sram-size", NRF51RadioState, sram_size, 16 * 1024),
    DEFINE_PROP_UINT64("sender-id", NRF51RadioState, sender_id, 0),
    DEFINE_PROP_INT32("rssi-dbm", NRF51RadioState, rssi_dbm, -60),
};

static void nrf51_radio_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    NRFPeripheralClass *pc = NRF_PERIPHERAL_CLASS(klass);

    pc->name = TYPE_NRF51_RADIO;
    pc->tasks = MAKE_64BIT_MASK(NRF_TASK(A_TASKS_TXEN),
                                NRF_TASK(A_TASKS_BCSTOP) + 1);
    pc->events = BIT(EV_READY) | BIT(EV_ADDRESS) | BIT(EV_PAYLOAD) |
                 BIT(EV_END) | BIT(EV_DISABLED) | BIT(EV_DEVMATCH) |
                 BIT(EV_DEVMISS) | BIT(EV_RSSIEND) | BIT(EV_BCMATCH);
    pc->shorts = SHORTS_MASK;
    pc->has_power = true;
    pc->task = nrf51_radio_task;
    pc->read = nrf51_radio_read;
    pc->write = nrf51_radio_write;
    pc->reset = nrf51_radio_reset;
    dc->realize = nrf51_radio_realize;
    dc->desc = "nRF51 2.4 GHz radio";
    dc->vmsd = &vmstate_nrf51_radio;
    device_class_set_props(dc, nrf51_radio_properties);
    set_bit(DEVICE_CATEGORY_NETWORK, dc->categories);
}

static const TypeInfo nrf51_radio_types[] = {
    {
        .name = TYPE_NRF51_RADIO,
        .parent = TYPE_NRF_PERIPHERAL,
        .instance_size = sizeof(NRF51RadioState),
        .class_init = nrf51_radio_class_init,
    },
};

DEFINE_TYPES(nrf51_radio_types)
