package dev.homelab.console.ui.shell;

/** What the user picked in the theme menu; {@link #SYSTEM} follows the desktop's light/dark preference. */
public enum ThemeChoice {
    LIGHT("Light"),
    DARK("Dark"),
    SYSTEM("Follow system");

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static ThemeChoice parse(String value) {
        for (ThemeChoice choice : values()) {
            if (choice.name().equalsIgnoreCase(value)) {
                return choice;
            }
        }
        return SYSTEM;
    }
}
