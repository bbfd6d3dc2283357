"""Operating deployed stages from an operator's machine: tools ``make`` runs, not functions."""
