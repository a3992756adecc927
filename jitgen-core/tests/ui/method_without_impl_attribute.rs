use jitgen_core::gc::{Gc, Mut};
use jitgen_core::{layout, look_inside};

#[layout]
pub struct Counter {
    n: Mut<i64>,
}

// The impl block lacks `#[look_inside]`, so the macro cannot name the type.
impl Counter {
    #[look_inside]
    pub fn bump(&self) {
        self.n.set(self.n.get() + 1);
    }
}

fn main() {
    let c = Gc::new(Counter { n: Mut::new(0) });
    c.bump();
}
