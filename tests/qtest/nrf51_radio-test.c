/*
 * QTest for the nRF51 RADIO, with the far end of its medium in the test:
 * a stream socket netdev, whose frames carry a 32-bit length prefix
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "libqtest.h"
#include "microbit-migrate.h"
#include <sys/socket.h>

#define RADIO               0x40001000
#define TASKS_TXEN          0x000
#define TASKS_RXEN          0x004
#define TASKS_START         0x008
#define TASKS_DISABLE       0x010
#define EVENTS_READY        0x100
#define EVENTS_ADDRESS      0x104
#define EVENTS_END          0x10c
#define EVENTS_DISABLED     0x110
#define SHORTS              0x200
#define CRCSTATUS           0x400
#define RXMATCH             0x408
#define RXCRC               0x40c
#define PACKETPTR           0x504
#define FREQUENCY           0x508
#define MODE                0x510
#define PCNF0               0x514
#define PCNF1               0x518
#define BASE0               0x51c
#define BASE1               0x520
#define PREFIX0             0x524
#define TXADDRESS           0x52c
#define RXADDRESSES         0x530
#define CRCCNF              0x534
#define CRCPOLY             0x538
#define CRCINIT             0x53c
#define STATE               0x550
#define DATAWHITEIV         0x554
#define POWER               0xffc

#define PCNF1_BIG_ENDIAN    (1u << 24)
#define PCNF1_WHITEEN       (1u << 25)
#define CRCCNF_SKIPADDR     (1u << 8)

#define STATE_RX            3
#define STATE_TXIDLE        10

#define FICR_DEVICEID0      0x10000060
#define FICR_DEVICEID1      0x10000064

#define BUF                 0x20000100
#define US                  1000

#define ETHERTYPE           0x88b5
#define HDR                 14          /* after the Ethernet header */

static void wr(QTestState *qts, uint32_t offset, uint32_t value)
{
    qtest_writel(qts, RADIO + offset, value);
}

static uint32_t rd(QTestState *qts, uint32_t offset)
{
    return qtest_readl(qts, RADIO + offset);
}

/* A socket pair for the medium: the board's end is *board */
static int medium(int *board)
{
    int sv[2];

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
    *board = sv[1];
    return sv[0];
}

static QTestState *start(int *fd)
{
    int board;
    QTestState *qts;

    *fd = medium(&board);
    qts = qtest_initf("-M microbit,device-id=0x1234 -nic socket,fd=%d",
                      board);
    close(board);
    return qts;
}

/* Read one frame the board sent; returns its length */
/*
 * The next radio frame the board sent, skipping other traffic (a
 * machine that has just loaded a migration announces its NIC by RARP)
 */
static size_t recv_frame(int fd, uint8_t *buf, size_t size)
{
    uint32_t len;

    do {
        g_assert_cmpint(recv(fd, &len, 4, MSG_WAITALL), ==, 4);
        len = be32_to_cpu(len);
        g_assert_cmpuint(len, <=, size);
        g_assert_cmpuint(len, >=, HDR);
        g_assert_cmpint(recv(fd, buf, len, MSG_WAITALL), ==, len);
    } while (lduw_be_p(buf + 12) != 0x88b5);
    return len;
}

static void send_frame(QTestState *qts, int fd, const uint8_t *buf,
                       uint32_t len)
{
    uint32_t be = cpu_to_be32(len);

    g_assert_cmpint(send(fd, &be, 4, 0), ==, 4);
    g_assert_cmpint(send(fd, buf, len, 0), ==, len);
    /* Let the main loop take it in */
    qtest_clock_step(qts, 10 * US);
    qtest_qmp_assert_success(qts, "{ 'execute': 'query-status' }");
}

static uint8_t bitrev8(uint8_t b)
{
    uint8_t r = 0;
    int i;

    for (i = 0; i < 8; i++) {
        if (b & (1 << i)) {
            r |= 0x80 >> i;
        }
    }
    return r;
}

static void test_registers(void)
{
    int fd;
    QTestState *qts = start(&fd);

    g_assert_cmphex(rd(qts, FREQUENCY), ==, 2);
    g_assert_cmphex(rd(qts, DATAWHITEIV), ==, 0x40);
    g_assert_cmphex(rd(qts, STATE), ==, 0);
    g_assert_cmphex(rd(qts, POWER), ==, 1);
    wr(qts, MODE, 0xff);
    g_assert_cmphex(rd(qts, MODE), ==, 3);
    wr(qts, PCNF1, 0xffffffff);
    g_assert_cmphex(rd(qts, PCNF1), ==, 0x0307ffff);
    /* Read-only registers keep their value */
    wr(qts, STATE, 5);
    g_assert_cmphex(rd(qts, STATE), ==, 0);

    /* Powering off resets the registers */
    wr(qts, FREQUENCY, 40);
    wr(qts, POWER, 0);
    wr(qts, POWER, 1);
    g_assert_cmphex(rd(qts, FREQUENCY), ==, 2);

    /* Ramp-up, then READY; DISABLE, then DISABLED */
    wr(qts, TASKS_TXEN, 1);
    g_assert_cmphex(rd(qts, STATE), ==, 9);
    qtest_clock_step(qts, 100 * US);
    g_assert_cmphex(rd(qts, EVENTS_READY), ==, 0);
    qtest_clock_step(qts, 50 * US);
    g_assert_cmphex(rd(qts, EVENTS_READY), ==, 1);
    g_assert_cmphex(rd(qts, STATE), ==, STATE_TXIDLE);
    wr(qts, TASKS_DISABLE, 1);
    qtest_clock_step(qts, 10 * US);
    g_assert_cmphex(rd(qts, EVENTS_DISABLED), ==, 1);
    g_assert_cmphex(rd(qts, STATE), ==, 0);
    qtest_quit(qts);
    close(fd);
}

/* A layout without length field: 9 static bytes, CRC-16 over them */
static void crc16_config(QTestState *qts, uint32_t endian)
{
    wr(qts, FREQUENCY, 7);
    wr(qts, MODE, 0);
    wr(qts, PCNF0, 0);
    wr(qts, PCNF1, endian | (4 << 16) | (9 << 8));
    wr(qts, BASE0, 0x75626974);
    wr(qts, PREFIX0, 0x2a);
    wr(qts, TXADDRESS, 0);
    wr(qts, RXADDRESSES, 1);
    wr(qts, CRCCNF, 2 | CRCCNF_SKIPADDR);
    wr(qts, CRCINIT, 0xffff);
    wr(qts, CRCPOLY, 0x11021);
    wr(qts, PACKETPTR, BUF);
}

static void transmit(QTestState *qts)
{
    wr(qts, SHORTS, 1);                 /* READY -> START */
    wr(qts, TASKS_TXEN, 1);
    qtest_clock_step(qts, 400 * US);
    g_assert_cmphex(rd(qts, EVENTS_END), ==, 1);
    g_assert_cmphex(rd(qts, STATE), ==, STATE_TXIDLE);
}

/*
 * Sent most significant bit first, the CRC of "123456789" is the
 * CRC-16/CCITT-FALSE check value, 0x29b1.
 */
static void test_tx_crc(void)
{
    int fd;
    QTestState *qts = start(&fd);
    uint8_t frame[400];
    size_t len;
    int i;

    crc16_config(qts, PCNF1_BIG_ENDIAN);
    qtest_memwrite(qts, BUF, "123456789", 9);
    transmit(qts);

    len = recv_frame(fd, frame, sizeof(frame));
    g_assert_cmpuint(lduw_be_p(frame + 12), ==, ETHERTYPE);
    g_assert_cmpuint(frame[HDR], ==, 1);            /* version */
    g_assert_cmpuint(frame[HDR + 1], ==, 0);        /* mode */
    g_assert_cmpuint(frame[HDR + 2], ==, 7);        /* frequency */
    g_assert_cmpuint(frame[HDR + 3], ==, 5);        /* address length */
    g_assert_cmphex(ldq_be_p(frame + HDR + 4), ==, 0x1234);
    g_assert_cmpuint(lduw_be_p(frame + HDR + 12), ==, 11 * 8);
    /* The address, least significant byte first: base, then prefix */
    g_assert_cmphex(ldl_le_p(frame + HDR + 14), ==, 0x75626974);
    g_assert_cmphex(frame[HDR + 18], ==, 0x2a);
    g_assert_cmpuint(len, ==, HDR + 19 + 11);
    /* On-air bits, the first in bit 0 of the first byte */
    for (i = 0; i < 9; i++) {
        g_assert_cmphex(frame[HDR + 19 + i], ==, bitrev8('1' + i));
    }
    g_assert_cmphex(frame[HDR + 28], ==, bitrev8(0x29));
    g_assert_cmphex(frame[HDR + 29], ==, bitrev8(0xb1));
    qtest_quit(qts);
    close(fd);
}

/* The DAL's configuration: 8-bit length, whitening, CRC-16 */
static void dal_config(QTestState *qts, uint32_t group)
{
    wr(qts, FREQUENCY, 7);
    wr(qts, PCNF0, 8);
    wr(qts, PCNF1, PCNF1_WHITEEN | (4 << 16) | 32);
    wr(qts, BASE0, 0x75626974);
    wr(qts, PREFIX0, group);
    wr(qts, TXADDRESS, 0);
    wr(qts, RXADDRESSES, 1);
    wr(qts, CRCCNF, 2);
    wr(qts, CRCINIT, 0xffff);
    wr(qts, CRCPOLY, 0x11021);
    wr(qts, DATAWHITEIV, 0x18);
    wr(qts, PACKETPTR, BUF);
}

static void start_rx(QTestState *qts)
{
    wr(qts, SHORTS, 1);
    wr(qts, TASKS_RXEN, 1);
    qtest_clock_step(qts, 200 * US);
    g_assert_cmphex(rd(qts, STATE), ==, STATE_RX);
    wr(qts, EVENTS_END, 0);
    wr(qts, EVENTS_ADDRESS, 0);
}

static void disable(QTestState *qts)
{
    wr(qts, SHORTS, 0);
    wr(qts, TASKS_DISABLE, 1);
    qtest_clock_step(qts, 10 * US);
    g_assert_cmphex(rd(qts, STATE), ==, 0);
}

/*
 * Whitening a packet of zeros sends the whitening sequence itself: for
 * BLE channels 0 and 1 (IV 0x40 and 0x41), the first 64 bits are these,
 * first bit in bit 0, as published per channel in BLE sniffer firmware
 */
static void test_whitening(void)
{
    static const struct {
        uint32_t iv;
        uint32_t words[2];
    } vectors[] = {
        { 0x40, { 0xc3bcb240, 0x5f4a371f } },
        { 0x41, { 0xbcb24089, 0x4a371fc3 } },
        { 0x02, { 0x3da157d2, 0x75b066a7 } },   /* bit 6 always set */
    };
    int fd;
    QTestState *qts = start(&fd);
    uint8_t frame[400];
    int i;

    wr(qts, PCNF0, 0);
    wr(qts, PCNF1, PCNF1_WHITEEN | (4 << 16) | (8 << 8));
    wr(qts, CRCCNF, 0);
    wr(qts, PACKETPTR, BUF);
    qtest_memset(qts, BUF, 0, 8);
    for (i = 0; i < ARRAY_SIZE(vectors); i++) {
        wr(qts, DATAWHITEIV, vectors[i].iv);
        transmit(qts);
        recv_frame(fd, frame, sizeof(frame));
        g_assert_cmpuint(lduw_be_p(frame + HDR + 12), ==, 64);
        g_assert_cmphex((uint32_t)ldl_le_p(frame + HDR + 19), ==,
                        vectors[i].words[0]);
        g_assert_cmphex((uint32_t)ldl_le_p(frame + HDR + 23), ==,
                        vectors[i].words[1]);
        disable(qts);
    }
    qtest_quit(qts);
    close(fd);
}

/*
 * A packet the board sent comes back (as from another board) and is
 * received: whitened and de-whitened with the same IV, its CRC checks.
 * Any change to it, or a different IV, breaks the CRC; another
 * address, frequency or mode is not heard at all.
 */
static void test_rx(void)
{
    static const uint8_t packet[] = { 6, 1, 0, 1, 'h', 'e', 'l' };
    int fd;
    QTestState *qts = start(&fd);
    uint8_t frame[400], got[sizeof(packet)];
    size_t len;

    dal_config(qts, 0);
    qtest_memwrite(qts, BUF, packet, sizeof(packet));
    transmit(qts);
    len = recv_frame(fd, frame, sizeof(frame));
    /* Whitened: the length byte is not sent as it is */
    g_assert_cmphex(frame[HDR + 19], !=, 6);
    disable(qts);

    /* From another sender */
    frame[HDR + 11] ^= 1;
    qtest_memset(qts, BUF, 0, sizeof(packet));
    start_rx(qts);
    send_frame(qts, fd, frame, len);
    g_assert_cmphex(rd(qts, EVENTS_END), ==, 1);
    g_assert_cmphex(rd(qts, CRCSTATUS), ==, 1);
    g_assert_cmphex(rd(qts, RXMATCH), ==, 0);
    qtest_memread(qts, BUF, got, sizeof(got));
    g_assert_cmpmem(got, sizeof(got), packet, sizeof(packet));
    g_assert_cmphex(rd(qts, STATE), ==, 2);

    /* One bit flipped on the air */
    frame[HDR + 22] ^= 0x10;
    wr(qts, TASKS_START, 1);
    wr(qts, EVENTS_END, 0);
    send_frame(qts, fd, frame, len);
    g_assert_cmphex(rd(qts, EVENTS_END), ==, 1);
    g_assert_cmphex(rd(qts, CRCSTATUS), ==, 0);
    frame[HDR + 22] ^= 0x10;

    /* Another whitening IV de-whitens it into garbage */
    disable(qts);
    wr(qts, DATAWHITEIV, 0x19);
    start_rx(qts);
    send_frame(qts, fd, frame, len);
    g_assert_cmphex(rd(qts, EVENTS_END), ==, 1);
    g_assert_cmphex(rd(qts, CRCSTATUS), ==, 0);
    disable(qts);
    wr(qts, DATAWHITEIV, 0x18);

    /* Another group (prefix), frequency or mode: not heard */
    wr(qts, PREFIX0, 1);
    start_rx(qts);
    send_frame(qts, fd, frame, len);
    g_assert_cmphex(rd(qts, EVENTS_ADDRESS), ==, 0);
    disable(qts);
    wr(qts, PREFIX0, 0);
    wr(qts, FREQUENCY, 8);
    start_rx(qts);
    send_frame(qts, fd, frame, len);
    g_assert_cmphex(rd(qts, EVENTS_ADDRESS), ==, 0);
    disable(qts);
    wr(qts, FREQUENCY, 7);

    /* Logical address 1 on BASE1 and PREFIX0 byte 1 */
    wr(qts, BASE1, 0x75626974);
    wr(qts, PREFIX0, 0x0500);
    wr(qts, RXADDRESSES, 2);
    start_rx(qts);
    send_frame(qts, fd, frame, len);
    g_assert_cmphex(rd(qts, EVENTS_ADDRESS), ==, 0);
    frame[HDR + 18] = 5;
    send_frame(qts, fd, frame, len);
    g_assert_cmphex(rd(qts, EVENTS_END), ==, 1);
    g_assert_cmphex(rd(qts, RXMATCH), ==, 1);
    /* The CRC covers the address, which changed */
    g_assert_cmphex(rd(qts, CRCSTATUS), ==, 0);
    qtest_quit(qts);
    close(fd);
}

/* Frames that are not radio packets, or broken ones, are dropped */
static void test_garbage(void)
{
    int fd;
    QTestState *qts = start(&fd);
    uint8_t frame[600];
    int i;

    dal_config(qts, 0);
    start_rx(qts);
    for (i = 0; i < 200; i++) {
        size_t len = 1 + g_test_rand_int_range(0, sizeof(frame) - 1);
        int j;

        for (j = 0; j < len; j++) {
            frame[j] = g_test_rand_int_range(0, 256);
        }
        if (i & 1 && len > HDR + 19) {
            /* Well-formed header, random lengths */
            stw_be_p(frame + 12, ETHERTYPE);
            frame[HDR] = 1;
            frame[HDR + 1] = 0;
            frame[HDR + 2] = 7;
        }
        send_frame(qts, fd, frame, len);
    }
    /* Still answering, still listening */
    g_assert_cmphex(rd(qts, STATE) & ~1, ==, 2);
    qtest_quit(qts);
    close(fd);
}

/*
 * A PACKETPTR outside RAM sends nothing, but each attempt still takes
 * air time: END -> START repeating it must let virtual time move on
 */
static void test_bad_packetptr(void)
{
    QTestState *qts = qtest_init("-M microbit");

    dal_config(qts, 0);
    wr(qts, PACKETPTR, 0);
    wr(qts, SHORTS, 1 | (1 << 5));     /* READY -> START, END -> START */
    wr(qts, TASKS_TXEN, 1);
    qtest_clock_step(qts, 1000 * US);
    g_assert_cmphex(rd(qts, EVENTS_END), ==, 1);
    g_assert_cmphex(rd(qts, STATE), ==, 11);
    qtest_quit(qts);
}

/* Without a medium, sending works and nothing is received */
static void test_no_nic(void)
{
    QTestState *qts = qtest_init("-M microbit");

    dal_config(qts, 0);
    qtest_writeb(qts, BUF, 0);
    transmit(qts);
    qtest_quit(qts);
}

static uint64_t device_id(QTestState *qts)
{
    return (uint64_t)qtest_readl(qts, FICR_DEVICEID1) << 32 |
           qtest_readl(qts, FICR_DEVICEID0);
}

/*
 * The radio's identity comes with the FICR's in a migration: with a
 * random device ID, the machine loading the state drew another one at
 * start-up, but it sends as the migrated chip and still drops its own
 * frames when the medium echoes them.
 */
static void test_migrate_sender(void)
{
    g_autofree char *args = NULL;
    QTestState *src, *dst;
    uint8_t frame[400];
    uint64_t id;
    size_t len;
    int src_fd, fd, board;

    src_fd = medium(&board);
    src = qtest_initf("-M microbit -nic socket,fd=%d", board);
    close(board);
    id = device_id(src);

    fd = medium(&board);
    args = g_strdup_printf("-M microbit -nic socket,fd=%d", board);
    dst = microbit_migrate(src, args);
    close(board);
    qtest_quit(src);
    close(src_fd);
    g_assert_cmphex(device_id(dst), ==, id);

    /* Frames go out as the migrated chip's */
    crc16_config(dst, PCNF1_BIG_ENDIAN);
    qtest_memwrite(dst, BUF, "123456789", 9);
    transmit(dst);
    len = recv_frame(fd, frame, sizeof(frame));
    g_assert_cmphex(ldq_be_p(frame + HDR + 4), ==, id);
    disable(dst);

    /* Echoed, the frame is dropped as its own; from another, received */
    start_rx(dst);
    send_frame(dst, fd, frame, len);
    g_assert_cmphex(rd(dst, EVENTS_ADDRESS), ==, 0);
    stq_be_p(frame + HDR + 4, id ^ 1);
    send_frame(dst, fd, frame, len);
    g_assert_cmphex(rd(dst, EVENTS_END), ==, 1);
    g_assert_cmphex(rd(dst, CRCSTATUS), ==, 1);
    qtest_quit(dst);
    close(fd);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("/microbit/nrf51/radio/registers", test_registers);
    qtest_add_func("/microbit/nrf51/radio/tx-crc", test_tx_crc);
    qtest_add_func("/microbit/nrf51/radio/whitening", test_whitening);
    qtest_add_func("/microbit/nrf51/radio/rx", test_rx);
    qtest_add_func("/microbit/nrf51/radio/garbage", test_garbage);
    qtest_add_func("/microbit/nrf51/radio/no-nic", test_no_nic);
    qtest_add_func("/microbit/nrf51/radio/bad-packetptr", test_bad_packetptr);
    qtest_add_func("/microbit/nrf51/radio/migrate-sender",
                   test_migrate_sender);

    return g_test_run();
}
