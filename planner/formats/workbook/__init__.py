"""The printable workbook: ``write`` (``render_xlsx``) with ``cells`` (what every sheet is
made of) and one module per sheet; ``map`` (the hidden map sheet's names), shared by
``map_sheet`` which writes it and ``read`` which reads the ticks and ratings back."""
