//! The `#[vclock::main]` attribute. Use it through the `vclock` crate, which documents it.

use proc_macro::TokenStream;
use quote::quote;
use syn::{ItemFn, ReturnType, parse_macro_input, parse_quote};

/// See `vclock::main`.
#[proc_macro_attribute]
pub fn main(args: TokenStream, item: TokenStream) -> TokenStream {
    if !args.is_empty() {
        let args = proc_macro2::TokenStream::from(args);
        return syn::Error::new_spanned(args, "#[vclock::main] takes no arguments")
            .to_compile_error()
            .into();
    }
    let mut function = parse_macro_input!(item as ItemFn);
    if function.sig.ident != "main" || !function.sig.inputs.is_empty() {
        return syn::Error::new_spanned(&function.sig, "#[vclock::main] goes on `fn main()`")
            .to_compile_error()
            .into();
    }
    // `main` ends with the exit code of what its body returns: `()`, an `ExitCode` or a
    // `Result` (vclock's `__private::Exit`). The type, as written, tells the body's `?`
    // what to convert to.
    let output = match &function.sig.output {
        ReturnType::Default => quote! { () },
        ReturnType::Type(_, ty) => quote! { #ty },
    };
    function.sig.output = parse_quote! { -> ::std::process::ExitCode };
    let body = &function.block;
    let run = if function.sig.asyncness.take().is_some() {
        quote! { ::vclock::__private::block_on(async move #body) }
    } else {
        quote! { ::vclock::__private::run_blocking(move || #body) }
    };
    let ItemFn {
        attrs, vis, sig, ..
    } = function;
    quote! {
        #(#attrs)*
        #vis #sig {
            ::vclock::__private::exit::<#output>(#run)
        }
    }
    .into()
}
