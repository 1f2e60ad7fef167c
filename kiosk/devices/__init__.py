"""Qt-free device layer: ports, adapters, one I/O thread per device with a reconnecting supervisor.

Import the modules themselves (kiosk.devices.factory, .ports, .status, ...): this package imports
nothing, so a light module such as kiosk.devices.wedge does not pull python-escpos into start-up.
"""
