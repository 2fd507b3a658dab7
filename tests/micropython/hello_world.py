# The demo "make run" boots: MicroPython with this script embedded.
# It greets on the display and the serial console, then shows which
# button was pressed.  Ctrl-C stops it and gives the REPL.
from microbit import *

print("Hello World!")
display.scroll("Hello World!")
display.show(Image.HAPPY)
print("Press button A or B.")
while True:
    if button_a.was_pressed():
        print("A pressed")
        display.show("A")
    if button_b.was_pressed():
        print("B pressed")
        display.show("B")
    sleep(20)
