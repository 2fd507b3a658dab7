/*
 * BBC micro:bit (v1.3 and v1.5)
 *
 * The board carries an nRF51822-QFAA.  Its UART goes to the interface
 * chip, which appears to the host as a USB serial port; here it is the
 * first serial port.
 *
 * "-kernel" takes what people flash onto the board: the Intel HEX that
 * the MicroPython editor, MakeCode and mbed produce, a micro:bit
 * Universal Hex (of which the V1 section is loaded), an ELF file or a
 * raw binary image of flash.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/error-report.h"
#include "qemu/units.h"
#include "qapi/error.h"
#include "hw/arm/boot.h"
#include "hw/arm/microbit_hex.h"
#include "hw/arm/nrf51.h"
#include "hw/arm/nrf51_soc.h"
#include "hw/boards.h"
#include "hw/display/microbit_leds.h"
#include "hw/i2c/i2c.h"
#include "hw/irq.h"
#include "hw/sensor/fxos8700.h"
#include "hw/sensor/lsm303agr.h"
#include "hw/sensor/mag3110.h"
#include "hw/sensor/mma8653.h"
#include "qapi/visitor.h"
#include "hw/loader.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "elf.h"
#include "exec/address-spaces.h"
#include "system/block-backend.h"
#include "system/blockdev.h"
#include "system/runstate.h"
#include "system/system.h"

#define TYPE_MICROBIT_MACHINE MACHINE_TYPE_NAME("microbit")
OBJECT_DECLARE_SIMPLE_TYPE(MicrobitMachineState, MICROBIT_MACHINE)

struct MicrobitMachineState {
    MachineState parent_obj;

    NRF51State nrf51;
    char *sensors;              /* which motion sensors the board has */
    MicrobitLEDsState leds;
    uint8_t light_level;
    bool touched[MICROBIT_EDGE_PINS];
};

/* Where the board's parts connect to the nRF51822 (schematic v1.3) */
#define MICROBIT_PIN_BUTTON_A   17
#define MICROBIT_PIN_BUTTON_B   26
#define MICROBIT_PIN_ACCEL_INT1 28
#define MICROBIT_PIN_MAG_INT1   29
#define MICROBIT_PIN_FXOS_INT1  27
#define MICROBIT_PIN_ROW1       13
#define MICROBIT_PIN_COL1       4

/*
 * Light falling on the LED matrix: the runtime (microbit-dal, which
 * MakeCode and MicroPython use) senses it by reading columns 1-3 as
 * analog inputs AIN5-AIN7 with the rows low, and maps an average
 * 10-bit reading (of VDD) of 338 (dark) to 75 (bright) onto 0-255.
 */
#define MICROBIT_LIGHT_AIN1     5
#define MICROBIT_LIGHT_DARK     338
#define MICROBIT_LIGHT_BRIGHT   75
#define MICROBIT_LIGHT_DEFAULT  128

/*
 * The GPIOs of edge connector pins 0, 1 and 2, and their analog inputs.
 * The board pulls each up through 10 Mohm, so that a finger (with the
 * other hand on GND) pulls it low: that is how the runtime senses touch.
 */
static const int microbit_edge_gpio[MICROBIT_EDGE_PINS] = { 3, 2, 1 };
static const int microbit_edge_ain[MICROBIT_EDGE_PINS] = { 4, 3, 2 };

/* Where a .hex file's data may go, and a buffer to collect it in */
typedef struct MicrobitImage {
    MicrobitHexRegion region;
    uint8_t *data;
    uint32_t lo;                /* extent written, as offsets */
    uint32_t hi;
} MicrobitImage;

static void microbit_hex_data(void *opaque, uint32_t addr,
                              const uint8_t *data, size_t len)
{
    MicrobitImage *images = opaque;
    MicrobitImage *img;
    uint32_t off;

    for (img = images; img->data; img++) {
        if (addr >= img->region.base &&
            addr - img->region.base + len <= img->region.size) {
            off = addr - img->region.base;
            memcpy(img->data + off, data, len);
            img->lo = MIN(img->lo, off);
            img->hi = MAX(img->hi, off + len);
            return;
        }
    }
    g_assert_not_reached();     /* the parser checked the regions */
}

/*
 * Load an Intel HEX or Universal Hex file into flash and UICR, as a
 * programmer does: the data is there from the first reset, stays
 * until the program itself erases it, and reaches the flash drive
 * when there is one.
 */
static void microbit_load_hex(MicrobitMachineState *s, const char *filename,
                              const char *contents, size_t len)
{
    MicrobitImage images[] = {
        { { "flash", NRF51_FLASH_BASE, s->nrf51.flash_size } },
        { { "UICR", NRF51_UICR_BASE, NRF51_UICR_SIZE } },
        { },
    };
    MicrobitHexRegion regions[] = { images[0].region, images[1].region };
    MicrobitImage *img;
    Error *err = NULL;
    bool ok;

    for (img = images; img->region.size; img++) {
        img->data = g_malloc(img->region.size);
        memset(img->data, 0xff, img->region.size);
        img->lo = img->region.size;
        img->hi = 0;
    }

    ok = microbit_hex_parse(filename, contents, len, regions,
                            ARRAY_SIZE(regions), microbit_hex_data, images,
                            &err);
    for (img = images; img->data; img++) {
        if (ok && img->hi > img->lo) {
            ok = nrf51_nvmc_program(&s->nrf51.nvmc,
                                    img->region.base + img->lo,
                                    img->data + img->lo, img->hi - img->lo,
                                    &err);
        }
        g_free(img->data);
    }
    if (!ok) {
        error_report_err(err);
        exit(1);
    }
}

static bool microbit_is_hex_name(const char *filename)
{
    return g_str_has_suffix(filename, ".hex") ||
           g_str_has_suffix(filename, ".HEX");
}

static void microbit_load_kernel(MicrobitMachineState *s,
                                 const char *filename)
{
    ARMCPU *cpu = ARM_CPU(first_cpu);
    g_autoptr(GError) gerr = NULL;
    g_autofree char *contents = NULL;
    gsize len;

    if (!filename) {
        armv7m_load_kernel(cpu, NULL, 0, 0);
        return;
    }
    if (!g_file_get_contents(filename, &contents, &len, &gerr)) {
        error_report("Could not read kernel '%s': %s", filename,
                     gerr->message);
        exit(1);
    }
    /* Flashing a board erases the whole chip first */
    nrf51_nvmc_erase_all(&s->nrf51.nvmc);
    if (microbit_is_hex_name(filename) ||
        microbit_hex_probe(contents, len)) {
        microbit_load_hex(s, filename, contents, len);
        armv7m_load_kernel(cpu, NULL, 0, 0);
        return;
    }
    if (len >= SELFMAG && !memcmp(contents, ELFMAG, SELFMAG)) {
        armv7m_load_kernel(cpu, filename, NRF51_FLASH_BASE,
                           s->nrf51.flash_size);
        return;
    }
    /* A raw image of flash */
    if (len > s->nrf51.flash_size) {
        error_report("'%s' is %zu bytes, larger than the %u KiB of flash",
                     filename, (size_t)len, s->nrf51.flash_size / 1024);
        exit(1);
    }
    nrf51_nvmc_program(&s->nrf51.nvmc, NRF51_FLASH_BASE,
                       (const uint8_t *)contents, len, &error_fatal);
    armv7m_load_kernel(cpu, NULL, 0, 0);
}

static void microbit_get_light_level(Object *obj, Visitor *v,
                                     const char *name, void *opaque,
                                     Error **errp)
{
    uint8_t value = MICROBIT_MACHINE(obj)->light_level;

    visit_type_uint8(v, name, &value, errp);
}

static void microbit_apply_light_level(MicrobitMachineState *s, Error **errp)
{
    Object *adc = OBJECT(&s->nrf51.adc);
    uint64_t vdd_mv, reading, mv;
    int i;

    vdd_mv = object_property_get_uint(adc, "vdd", errp);
    reading = MICROBIT_LIGHT_DARK - s->light_level *
              (MICROBIT_LIGHT_DARK - MICROBIT_LIGHT_BRIGHT) / 255;
    /* The millivolts that read as @reading, rounded up */
    mv = DIV_ROUND_UP(reading * vdd_mv, 1023);
    for (i = 0; i < 3; i++) {
        g_autofree char *ain = g_strdup_printf("ain%d",
                                               MICROBIT_LIGHT_AIN1 + i);

        if (!object_property_set_uint(adc, ain, mv, errp)) {
            return;
        }
    }
}

static void microbit_set_light_level(Object *obj, Visitor *v,
                                     const char *name, void *opaque,
                                     Error **errp)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    uint8_t value;

    if (!visit_type_uint8(v, name, &value, errp)) {
        return;
    }
    s->light_level = value;
    microbit_apply_light_level(s, errp);
}

/* The motion sensors of the v1.3 board, and of the two kinds of v1.5 */
static bool microbit_has_sensors(MicrobitMachineState *s, const char *name)
{
    return !strcmp(s->sensors ? s->sensors : "mma8653", name);
}

static void microbit_add_sensor(MicrobitMachineState *s, I2CBus *bus,
                                const char *type, uint8_t addr,
                                const char *name, const char *irq, int pin)
{
    I2CSlave *dev = i2c_slave_new(type, addr);

    object_property_add_child(OBJECT(s), name, OBJECT(dev));
    i2c_slave_realize_and_unref(dev, bus, &error_fatal);
    qdev_connect_gpio_out_named(DEVICE(dev), irq, 0,
        qdev_get_gpio_in(DEVICE(&s->nrf51), pin));
}

/*
 * The sensors on the internal I2C bus (TWI0), with their interrupt
 * lines, and the front of the board: the LED matrix on P0.4-P0.15,
 * and the buttons, which pull their pins low against external pull-ups.
 */
static void microbit_init_board(MicrobitMachineState *s)
{
    DeviceState *soc = DEVICE(&s->nrf51);
    DeviceState *leds = DEVICE(&s->leds);
    I2CBus *bus = I2C_BUS(qdev_get_child_bus(DEVICE(&s->nrf51.twi[0]),
                                             "i2c"));
    int i;

    if (microbit_has_sensors(s, "fxos8700")) {
        /* v1.5: one part for both, its INT1 on P0.27 */
        microbit_add_sensor(s, bus, TYPE_FXOS8700, FXOS8700_I2C_ADDR,
                            "motion", "int1", MICROBIT_PIN_FXOS_INT1);
    } else if (microbit_has_sensors(s, "lsm303agr")) {
        /* v1.5: two sensors in one package */
        microbit_add_sensor(s, bus, TYPE_LSM303AGR_ACCEL,
                            LSM303AGR_ACCEL_I2C_ADDR, "accelerometer", "int",
                            MICROBIT_PIN_ACCEL_INT1);
        microbit_add_sensor(s, bus, TYPE_LSM303AGR_MAG,
                            LSM303AGR_MAG_I2C_ADDR, "magnetometer", "int",
                            MICROBIT_PIN_MAG_INT1);
    } else {
        microbit_add_sensor(s, bus, TYPE_MMA8653, MMA8653_I2C_ADDR,
                            "accelerometer", "int1", MICROBIT_PIN_ACCEL_INT1);
        microbit_add_sensor(s, bus, TYPE_MAG3110, MAG3110_I2C_ADDR,
                            "magnetometer", "int1", MICROBIT_PIN_MAG_INT1);
    }

    for (i = 0; i < MICROBIT_LED_ROWS; i++) {
        qdev_connect_gpio_out(soc, MICROBIT_PIN_ROW1 + i,
            qdev_get_gpio_in_named(leds, MICROBIT_LEDS_ROW, i));
    }
    for (i = 0; i < MICROBIT_LED_COLS; i++) {
        qdev_connect_gpio_out(soc, MICROBIT_PIN_COL1 + i,
            qdev_get_gpio_in_named(leds, MICROBIT_LEDS_COL, i));
    }
    for (i = 0; i < MICROBIT_EDGE_PINS; i++) {
        qdev_connect_gpio_out(soc, microbit_edge_gpio[i],
            qdev_get_gpio_in_named(leds, MICROBIT_LEDS_PIN, i));
        qemu_set_irq(qdev_get_gpio_in_named(soc, NRF51_GPIO_PULLUP,
                                            microbit_edge_gpio[i]), 1);
    }
    qdev_connect_gpio_out_named(leds, MICROBIT_LEDS_BUTTON, 0,
        qdev_get_gpio_in(soc, MICROBIT_PIN_BUTTON_A));
    qdev_connect_gpio_out_named(leds, MICROBIT_LEDS_BUTTON, 1,
        qdev_get_gpio_in(soc, MICROBIT_PIN_BUTTON_B));
    sysbus_realize(SYS_BUS_DEVICE(leds), &error_fatal);
    microbit_apply_light_level(s, &error_fatal);
}

static void microbit_init(MachineState *machine)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(machine);
    MachineClass *mc = MACHINE_GET_CLASS(machine);
    DeviceState *soc = DEVICE(&s->nrf51);
    DriveInfo *dinfo;

    if (machine->ram_size != mc->default_ram_size) {
        error_report("The micro:bit has %" PRIu64 " KiB of RAM; "
                     "-m cannot change it", mc->default_ram_size / KiB);
        exit(1);
    }

    qdev_prop_set_chr(soc, "serial0", serial_hd(0));
    dinfo = drive_get(IF_PFLASH, 0, 0);
    if (dinfo) {
        qdev_prop_set_drive_err(soc, "drive", blk_by_legacy_dinfo(dinfo),
                                &error_fatal);
    }
    object_property_set_link(OBJECT(soc), "memory",
                             OBJECT(get_system_memory()), &error_abort);
    sysbus_realize(SYS_BUS_DEVICE(soc), &error_fatal);

    microbit_init_board(s);

    microbit_load_kernel(s, machine->kernel_filename);
}

/*
 * Leaving System OFF (QEMU's suspended state) restarts the chip from
 * reset, as on the nRF51; POWER has recorded why.
 */
static void microbit_wakeup(MachineState *machine)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
}

static void microbit_get_touched(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    bool value = s->touched[(uintptr_t)opaque];

    visit_type_bool(v, name, &value, errp);
}

static void microbit_set_touched(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    unsigned pin = (uintptr_t)opaque;
    bool value;

    if (!visit_type_bool(v, name, &value, errp)) {
        return;
    }
    s->touched[pin] = value;
    /* A finger pulls the pin down; otherwise nothing drives it */
    qemu_set_irq(qdev_get_gpio_in(DEVICE(&s->nrf51), microbit_edge_gpio[pin]),
                 value ? 0 : NRF51_GPIO_FLOAT);
}

/*
 * The sensors' properties, in the board's frame as micro:bit software
 * reports it (x to the right, y towards the top edge, z into the
 * board, so that a board lying face up reads z = -1000 milli-g).  The
 * v1.3's parts are mounted so that the accelerometer's x and y axes
 * and all of the magnetometer's axes point the other way; the v1.5's
 * FXOS8700CQ has x and y the other way for both, its LSM303AGR y.
 */
typedef struct MicrobitSensorAxis {
    const char *name;
    const char *part;       /* child property of the machine */
    const char *axis;
    int sign;
} MicrobitSensorAxis;

#define MICROBIT_NUM_AXES   6

static const MicrobitSensorAxis microbit_axes[MICROBIT_NUM_AXES] = {
    { "accel-x", "accelerometer", "x", -1 },
    { "accel-y", "accelerometer", "y", -1 },
    { "accel-z", "accelerometer", "z", 1 },
    { "magnet-x", "magnetometer", "x", -1 },
    { "magnet-y", "magnetometer", "y", -1 },
    { "magnet-z", "magnetometer", "z", -1 },
};

static const MicrobitSensorAxis microbit_fxos8700_axes[MICROBIT_NUM_AXES] = {
    { "accel-x", "motion", "accel-x", -1 },
    { "accel-y", "motion", "accel-y", -1 },
    { "accel-z", "motion", "accel-z", 1 },
    { "magnet-x", "motion", "magnet-x", -1 },
    { "magnet-y", "motion", "magnet-y", -1 },
    { "magnet-z", "motion", "magnet-z", 1 },
};

static const MicrobitSensorAxis microbit_lsm303agr_axes[MICROBIT_NUM_AXES] = {
    { "accel-x", "accelerometer", "x", 1 },
    { "accel-y", "accelerometer", "y", -1 },
    { "accel-z", "accelerometer", "z", 1 },
    { "magnet-x", "magnetometer", "x", 1 },
    { "magnet-y", "magnetometer", "y", -1 },
    { "magnet-z", "magnetometer", "z", 1 },
};

static const MicrobitSensorAxis *microbit_axis(Object *obj, void *opaque)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    unsigned i = (uintptr_t)opaque;

    if (microbit_has_sensors(s, "fxos8700")) {
        return &microbit_fxos8700_axes[i];
    }
    if (microbit_has_sensors(s, "lsm303agr")) {
        return &microbit_lsm303agr_axes[i];
    }
    return &microbit_axes[i];
}

static void microbit_get_axis(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    const MicrobitSensorAxis *a = microbit_axis(obj, opaque);
    Object *part = object_resolve_path_component(obj, a->part);
    int64_t value;

    if (!part) {
        error_setg(errp, "the board has no %s yet", a->part);
        return;
    }
    value = object_property_get_int(part, a->axis, errp) * a->sign;
    visit_type_int64(v, name, &value, errp);
}

static void microbit_set_axis(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    const MicrobitSensorAxis *a = microbit_axis(obj, opaque);
    Object *part = object_resolve_path_component(obj, a->part);
    int64_t value;

    if (!visit_type_int64(v, name, &value, errp)) {
        return;
    }
    if (!part) {
        error_setg(errp, "the board has no %s yet", a->part);
        return;
    }
    object_property_set_int(part, a->axis, value * a->sign, errp);
}

static char *microbit_get_sensors(Object *obj, Error **errp)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);

    return g_strdup(s->sensors ? s->sensors : "mma8653");
}

static void microbit_set_sensors(Object *obj, const char *value,
                                 Error **errp)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);

    if (strcmp(value, "mma8653") && strcmp(value, "fxos8700") &&
        strcmp(value, "lsm303agr")) {
        error_setg(errp, "sensors must be mma8653 (v1.3: MMA8653FC and "
                   "MAG3110), fxos8700 or lsm303agr (v1.5: FXOS8700CQ or "
                   "LSM303AGR)");
        return;
    }
    g_free(s->sensors);
    s->sensors = g_strdup(value);
}

static void microbit_machine_instance_init(Object *obj)
{
    MicrobitMachineState *s = MICROBIT_MACHINE(obj);
    int i;

    object_initialize_child(obj, "nrf51", &s->nrf51, TYPE_NRF51_SOC);
    object_property_add_alias(obj, "device-id", OBJECT(&s->nrf51),
                              "device-id");
    object_property_set_description(obj, "device-id",
        "FICR DEVICEID of the chip, which also seeds its BLE address and "
        "keys (default: different for each run)");
    object_property_add_alias(obj, "temperature", OBJECT(&s->nrf51),
                              "temperature");
    object_initialize_child(obj, "leds", &s->leds, TYPE_MICROBIT_LEDS);
    object_property_add_alias(obj, "display", OBJECT(&s->leds), "display");
    object_property_add_alias(obj, "button-a", OBJECT(&s->leds), "button-a");
    object_property_add_alias(obj, "button-b", OBJECT(&s->leds), "button-b");
    for (i = 0; i < MICROBIT_NUM_AXES; i++) {
        object_property_add(obj, microbit_axes[i].name, "int",
                            microbit_get_axis, microbit_set_axis, NULL,
                            (void *)(uintptr_t)i);
    }
    object_property_set_description(obj, "accel-x",
        "acceleration in milli-g (also accel-y, accel-z)");
    object_property_set_description(obj, "magnet-x",
        "magnetic field in nanotesla (also magnet-y, magnet-z)");
    for (i = 0; i < MICROBIT_EDGE_PINS; i++) {
        g_autofree char *touched = g_strdup_printf("pin%d-touched", i);
        g_autofree char *mv = g_strdup_printf("pin%d-mv", i);
        g_autofree char *ain = g_strdup_printf("ain%d", microbit_edge_ain[i]);

        object_property_add(obj, touched, "bool", microbit_get_touched,
                            microbit_set_touched, NULL, (void *)(uintptr_t)i);
        object_property_add_alias(obj, mv, OBJECT(&s->nrf51.adc), ain);
    }
    object_property_set_description(obj, "pin0-touched",
        "edge connector pin 0 is touched, pulling it low (also pin1-, pin2-)");
    object_property_set_description(obj, "pin0-mv",
        "millivolts on edge connector pin 0, for the ADC (also pin1-, pin2-)");
    object_property_add_str(obj, "sensors", microbit_get_sensors,
                            microbit_set_sensors);
    object_property_set_description(obj, "sensors",
        "the motion sensors: mma8653 (v1.3: MMA8653FC and MAG3110, the "
        "default), fxos8700 or lsm303agr (v1.5: FXOS8700CQ or LSM303AGR)");
    s->light_level = MICROBIT_LIGHT_DEFAULT;
    object_property_add(obj, "light-level", "uint8",
                        microbit_get_light_level, microbit_set_light_level,
                        NULL, NULL);
    object_property_set_description(obj, "light-level",
        "light falling on the LEDs, 0 (dark) to 255 (bright), as the "
        "runtime's light sensing reads it");
}

static void microbit_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    static const char * const valid_cpu_types[] = {
        ARM_CPU_TYPE_NAME("cortex-m0"),
        NULL
    };

    mc->desc = "BBC micro:bit (Cortex-M0)";
    mc->init = microbit_init;
    mc->wakeup = microbit_wakeup;
    mc->max_cpus = 1;
    mc->default_cpu_type = ARM_CPU_TYPE_NAME("cortex-m0");
    mc->valid_cpu_types = valid_cpu_types;
    mc->default_ram_size = NRF51822_SRAM_SIZE;
}

static const TypeInfo microbit_machine_types[] = {
    {
        .name = TYPE_MICROBIT_MACHINE,
        .parent = TYPE_MACHINE,
        .instance_size = sizeof(MicrobitMachineState),
        .instance_init = microbit_machine_instance_init,
        .class_init = microbit_machine_class_init,
    },
};

DEFINE_TYPES(microbit_machine_types)
