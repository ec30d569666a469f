"""The PySide6 app: ``app`` wires everything, ``launch`` starts it, one subpackage per page."""
