/*
 * nRF51 general purpose input/output (GPIO)
 *
 * Reference: nRF51 Series Reference Manual v3.0, section 14 (GPIO).
 *
 * 32 pins, each configured by PIN_CNF[n]: direction, input buffer
 * connection, pull, drive strength and sense.  DIR and OUT have
 * SET/CLR aliases; DIR is a view of the PIN_CNF direction bits.
 *
 * The level of a pin is what drives it: the OUT bit when it is an
 * output (or the GPIOTE channel that owns it in task mode), else the
 * level the outside world drives onto it through the qdev input line,
 * else its pull resistor; a floating pin reads 0.  IN shows the level
 * of the pins whose input buffer is connected.  The level of every pin
 * goes to the board, and to GPIOTE and the UART, on output lines.
 *
 * The peripherals drive pins through input lines as the outside world
 * does (a level, or NRF51_GPIO_FLOAT to let go): a GPIOTE channel in
 * task mode owns its pin whatever its direction, and the UART drives
 * its RTS pin while GPIO makes that an output, before OUT.
 *
 * DETECT is raised while any pin with SENSE enabled is at its sense
 * level; it feeds GPIOTE's PORT event and the wake-up from System OFF.
 * Drive strength is stored but has no effect.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/gpio/nrf51_gpio.h"
#include "hw/arm/nrf51.h"
#include "hw/irq.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "trace.h"

REG32(OUT, 0x504)
REG32(OUTSET, 0x508)
REG32(OUTCLR, 0x50c)
REG32(IN, 0x510)
REG32(DIR, 0x514)
REG32(DIRSET, 0x518)
REG32(DIRCLR, 0x51c)
REG32(PIN_CNF0, 0x700)
    FIELD(PIN_CNF, DIR, 0, 1)
    FIELD(PIN_CNF, INPUT, 1, 1)
    FIELD(PIN_CNF, PULL, 2, 2)
    FIELD(PIN_CNF, DRIVE, 8, 3)
    FIELD(PIN_CNF, SENSE, 16, 2)
REG32(PIN_CNF31, 0x77c)

#define PIN_CNF_MASK    (R_PIN_CNF_DIR_MASK | R_PIN_CNF_INPUT_MASK | \
                         R_PIN_CNF_PULL_MASK | R_PIN_CNF_DRIVE_MASK | \
                         R_PIN_CNF_SENSE_MASK)
/* Input, input buffer disconnected */
#define PIN_CNF_RESET   R_PIN_CNF_INPUT_MASK

enum {
    PULL_DOWN = 1,
    PULL_UP = 3,
};

enum {
    SENSE_HIGH = 2,
    SENSE_LOW = 3,
};

static bool nrf51_gpio_is_output(NRF51GPIOState *s, unsigned pin)
{
    return FIELD_EX32(s->pin_cnf[pin], PIN_CNF, DIR);
}

static bool nrf51_gpio_pin_level(NRF51GPIOState *s, unsigned pin)
{
    uint32_t bit = 1u << pin;

    if (s->task_mask & bit) {
        return s->task_level & bit;
    }
    if (nrf51_gpio_is_output(s, pin)) {
        if (s->periph_mask & bit) {
            return s->periph_level & bit;
        }
        return s->out_reg & bit;
    }
    if (s->ext_driven & bit) {
        return s->ext_level & bit;
    }
    switch (FIELD_EX32(s->pin_cnf[pin], PIN_CNF, PULL)) {
    case PULL_UP:
        return true;
    case PULL_DOWN:
        return false;
    default:
        return s->ext_pullup & bit;
    }
}

/*
 * Recompute the pins and DETECT, and tell the board and the
 * peripherals about the pins that changed (about all of them if @all).
 */
static void nrf51_gpio_recompute(NRF51GPIOState *s, bool all)
{
    uint32_t level = 0, changed;
    bool detect = false;
    unsigned pin;

    for (pin = 0; pin < NRF51_GPIO_PINS; pin++) {
        bool l = nrf51_gpio_pin_level(s, pin);

        level |= (uint32_t)l << pin;
        switch (FIELD_EX32(s->pin_cnf[pin], PIN_CNF, SENSE)) {
        case SENSE_HIGH:
            detect |= l;
            break;
        case SENSE_LOW:
            detect |= !l;
            break;
        }
    }

    changed = level ^ s->level;
    s->level = level;
    for (pin = 0; pin < NRF51_GPIO_PINS; pin++) {
        if (changed & BIT(pin)) {
            trace_nrf51_gpio_pin(pin, extract32(level, pin, 1));
        } else if (!all) {
            continue;
        }
        qemu_set_irq(s->out[pin], extract32(level, pin, 1));
        qemu_set_irq(s->level_out[pin], extract32(level, pin, 1));
    }
    if (detect != s->detect_level) {
        trace_nrf51_gpio_detect(detect);
    }
    s->detect_level = detect;
    qemu_set_irq(s->detect, detect);
}

static void nrf51_gpio_update(NRF51GPIOState *s)
{
    nrf51_gpio_recompute(s, false);
}

static uint32_t nrf51_gpio_dir(NRF51GPIOState *s)
{
    uint32_t dir = 0;
    unsigned pin;

    for (pin = 0; pin < NRF51_GPIO_PINS; pin++) {
        dir |= (uint32_t)nrf51_gpio_is_output(s, pin) << pin;
    }
    return dir;
}

static void nrf51_gpio_set_dir(NRF51GPIOState *s, uint32_t dir)
{
    unsigned pin;

    for (pin = 0; pin < NRF51_GPIO_PINS; pin++) {
        s->pin_cnf[pin] = FIELD_DP32(s->pin_cnf[pin], PIN_CNF, DIR,
                                     extract32(dir, pin, 1));
    }
}

static uint32_t nrf51_gpio_in(NRF51GPIOState *s)
{
    uint32_t in = 0;
    unsigned pin;

    for (pin = 0; pin < NRF51_GPIO_PINS; pin++) {
        if (!FIELD_EX32(s->pin_cnf[pin], PIN_CNF, INPUT)) {
            in |= s->level & (1u << pin);
        }
    }
    return in;
}

static uint64_t nrf51_gpio_read(void *opaque, hwaddr offset, unsigned size)
{
    NRF51GPIOState *s = opaque;
    uint64_t r;

    switch (offset) {
    case A_OUT:
    case A_OUTSET:
    case A_OUTCLR:
        r = s->out_reg;
        break;
    case A_IN:
        r = nrf51_gpio_in(s);
        break;
    case A_DIR:
    case A_DIRSET:
    case A_DIRCLR:
        r = nrf51_gpio_dir(s);
        break;
    case A_PIN_CNF0 ... A_PIN_CNF31:
        r = s->pin_cnf[(offset - A_PIN_CNF0) / 4];
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad read offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        r = 0;
        break;
    }

    trace_nrf51_gpio_read(offset, r);
    return r;
}

static void nrf51_gpio_write(void *opaque, hwaddr offset, uint64_t value,
                             unsigned size)
{
    NRF51GPIOState *s = opaque;

    trace_nrf51_gpio_write(offset, value);

    switch (offset) {
    case A_OUT:
        s->out_reg = value;
        break;
    case A_OUTSET:
        s->out_reg |= value;
        break;
    case A_OUTCLR:
        s->out_reg &= ~value;
        break;
    case A_DIR:
        nrf51_gpio_set_dir(s, value);
        break;
    case A_DIRSET:
        nrf51_gpio_set_dir(s, nrf51_gpio_dir(s) | value);
        break;
    case A_DIRCLR:
        nrf51_gpio_set_dir(s, nrf51_gpio_dir(s) & ~value);
        break;
    case A_PIN_CNF0 ... A_PIN_CNF31:
        s->pin_cnf[(offset - A_PIN_CNF0) / 4] = value & PIN_CNF_MASK;
        break;
    case A_IN:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: IN is read-only\n", __func__);
        return;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: bad write offset 0x%" HWADDR_PRIx "\n",
                      __func__, offset);
        return;
    }
    nrf51_gpio_update(s);
}

static const MemoryRegionOps nrf51_gpio_ops = {
    .read = nrf51_gpio_read,
    .write = nrf51_gpio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .valid.unaligned = false,
};

static void nrf51_gpio_set_ext(void *opaque, int pin, int level)
{
    NRF51GPIOState *s = opaque;

    trace_nrf51_gpio_ext(pin, level);
    s->ext_driven = deposit32(s->ext_driven, pin, 1, level != NRF51_GPIO_FLOAT);
    s->ext_level = deposit32(s->ext_level, pin, 1, level > 0);
    nrf51_gpio_update(s);
}

/* GPIOTE takes pin @pin over in task mode, or gives it back (float) */
static void nrf51_gpio_set_task_pin(void *opaque, int pin, int level)
{
    NRF51GPIOState *s = opaque;

    s->task_mask = deposit32(s->task_mask, pin, 1, level != NRF51_GPIO_FLOAT);
    s->task_level = deposit32(s->task_level, pin, 1, level > 0);
    nrf51_gpio_update(s);
}

/* A peripheral (the UART's RTS) drives output pin @pin, or lets it go */
static void nrf51_gpio_set_periph_pin(void *opaque, int pin, int level)
{
    NRF51GPIOState *s = opaque;
    uint32_t mask = deposit32(s->periph_mask, pin, 1,
                              level != NRF51_GPIO_FLOAT);
    uint32_t plevel = deposit32(s->periph_level, pin, 1, level > 0) & mask;

    if (mask == s->periph_mask && plevel == s->periph_level) {
        return;
    }
    s->periph_mask = mask;
    s->periph_level = plevel;
    nrf51_gpio_update(s);
}

static void nrf51_gpio_set_pullup(void *opaque, int pin, int level)
{
    NRF51GPIOState *s = opaque;

    s->ext_pullup = deposit32(s->ext_pullup, pin, 1, level != 0);
    nrf51_gpio_update(s);
}

static void nrf51_gpio_reset_enter(Object *obj, ResetType type)
{
    NRF51GPIOState *s = NRF51_GPIO(obj);
    unsigned pin;

    s->out_reg = 0;
    for (pin = 0; pin < NRF51_GPIO_PINS; pin++) {
        s->pin_cnf[pin] = PIN_CNF_RESET;
    }
    s->task_mask = 0;
    s->task_level = 0;
    s->periph_mask = 0;
    s->periph_level = 0;
    /* What the board drives onto the pins is not the chip's to reset */
}

static void nrf51_gpio_reset_hold(Object *obj, ResetType type)
{
    nrf51_gpio_recompute(NRF51_GPIO(obj), true);
}

static void nrf51_gpio_init(Object *obj)
{
    NRF51GPIOState *s = NRF51_GPIO(obj);
    DeviceState *dev = DEVICE(obj);

    memory_region_init_io(&s->mmio, obj, &nrf51_gpio_ops, s,
                          TYPE_NRF51_GPIO, 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    qdev_init_gpio_in(dev, nrf51_gpio_set_ext, NRF51_GPIO_PINS);
    qdev_init_gpio_in_named(dev, nrf51_gpio_set_pullup, NRF51_GPIO_PULLUP,
                            NRF51_GPIO_PINS);
    qdev_init_gpio_out(dev, s->out, NRF51_GPIO_PINS);
    qdev_init_gpio_out_named(dev, s->level_out, NRF51_GPIO_LEVEL,
                             NRF51_GPIO_PINS);
    qdev_init_gpio_out_named(dev, &s->detect, NRF51_GPIO_DETECT, 1);
    qdev_init_gpio_in_named(dev, nrf51_gpio_set_task_pin, NRF51_GPIO_TASK_PIN,
                            NRF51_GPIO_PINS);
    qdev_init_gpio_in_named(dev, nrf51_gpio_set_periph_pin,
                            NRF51_GPIO_PERIPH_PIN, NRF51_GPIO_PINS);
}

static const VMStateDescription vmstate_nrf51_gpio = {
    .name = TYPE_NRF51_GPIO,
    .version_id = 3,
    .minimum_version_id = 3,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(out_reg, NRF51GPIOState),
        VMSTATE_UINT32_ARRAY(pin_cnf, NRF51GPIOState, NRF51_GPIO_PINS),
        VMSTATE_UINT32(task_mask, NRF51GPIOState),
        VMSTATE_UINT32(task_level, NRF51GPIOState),
        VMSTATE_UINT32(periph_mask, NRF51GPIOState),
        VMSTATE_UINT32(periph_level, NRF51GPIOState),
        VMSTATE_UINT32(ext_driven, NRF51GPIOState),
        VMSTATE_UINT32(ext_level, NRF51GPIOState),
        VMSTATE_UINT32(ext_pullup, NRF51GPIOState),
        VMSTATE_UINT32(level, NRF51GPIOState),
        VMSTATE_BOOL(detect_level, NRF51GPIOState),
        VMSTATE_END_OF_LIST()
    }
};

static void nrf51_gpio_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "nRF51 GPIO";
    dc->vmsd = &vmstate_nrf51_gpio;
    rc->phases.enter = nrf51_gpio_reset_enter;
    rc->phases.hold = nrf51_gpio_reset_hold;
    dc->user_creatable = false;
}

static const TypeInfo nrf51_gpio_types[] = {
    {
        .name = TYPE_NRF51_GPIO,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(NRF51GPIOState),
        .instance_init = nrf51_gpio_init,
        .class_init = nrf51_gpio_class_init,
    },
};

DEFINE_TYPES(nrf51_gpio_types)
