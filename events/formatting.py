"""Money and dates the Indian way."""


def group_indian(number: int) -> str:
    """12345678 -> '1,23,45,678' (lakh and crore grouping)."""
    digits = str(abs(int(number)))
    if len(digits) > 3:
        head, tail = digits[:-3], digits[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        if head:
            groups.insert(0, head)
        digits = ",".join([*groups, tail])
    return ("-" if number < 0 else "") + digits


def format_inr(paise: int) -> str:
    """Paise as rupees: 10000000 -> '₹1,00,000'; 12345 -> '₹123.45'."""
    rupees, rest = divmod(int(paise), 100)
    text = f"₹{group_indian(rupees)}"
    if rest:
        text += f".{rest:02d}"
    return text
