"""The product's email: what each message says (``compose``), its calendar file
(``calendar``), and the MIME shape every mailer sends (``mime``).

Composing is pure: functions take domain objects and the links the caller made, and return
``slsplay.ports.Email`` values; sending is the ``Mailer`` adapters' job.
"""
