/**
 * Properties over widget state: `widgetWithState<S>()(["value", "min"])` is a base class whose
 * instances read and write those attributes as properties (`slider.value = 3` is
 * `slider.set({value: 3})`), typed by the state `S`. Controls declare their state and the names
 * to expose instead of writing a getter/setter pair per attribute.
 */
import { Widget, type AnyState, type WidgetSpec } from "./widget";

/** One read/write property per state attribute `K` of `State`. */
export type StateProperties<State, K extends keyof State> = { -readonly [P in K]: State[P] };

/** An abstract widget class of state `State` with properties for the attributes `K`. */
export type WidgetWithState<State extends AnyState, K extends keyof State> = abstract new (
  spec: WidgetSpec,
  options: Record<string, unknown> | undefined,
  what: string,
) => Widget<State> & StateProperties<State, K>;

/**
 * A base class for widgets of state `State` with a property for each of `names`. Reading one
 * returns the attribute (a shallow copy for arrays, so editing it cannot bypass `set`); writing
 * one is `set({[name]: value})`, validated and sent to the frontend like any change.
 */
export function widgetWithState<State extends AnyState>(): <K extends keyof State & string>(
  names: readonly K[],
) => WidgetWithState<State, K> {
  return <K extends keyof State & string>(names: readonly K[]): WidgetWithState<State, K> => {
    abstract class WithState extends Widget<State> {}
    for (const name of names) {
      Object.defineProperty(WithState.prototype, name, {
        get(this: Widget<State>): State[K] {
          const value = this.get(name);
          return (Array.isArray(value) ? [...value] : value) as State[K];
        },
        set(this: Widget<State>, value: State[K]): void {
          this.set({ [name]: value } as unknown as Partial<State>);
        },
        configurable: true,
      });
    }
    return WithState as unknown as WidgetWithState<State, K>;
  };
}
